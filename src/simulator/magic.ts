// Recipients that make the simulator take a failure path. FIXED: the README, the extension's tests and the
// e2e scripts use these exact numbers. All are valid Vodacom-shaped DRC mobiles, so they pass validation.

export interface MagicNumber {
  /** What the simulator does with a send to this recipient. */
  description: string;
  /** The client outcome a user will see. */
  outcome: 'sent' | 'rejected' | 'unknown';
}

export const MAGIC_FAILED_DELIVERY = '243810000001';
export const MAGIC_REJECTED = '243810000002';
export const MAGIC_NO_REPORT = '243810000003';
export const MAGIC_SLOW = '243810000004';
export const MAGIC_RESET = '243810000005';
export const MAGIC_HTML_500 = '243810000006';
/** OTP only: the code is always `12345678` cut to the asked length, so an app's automated test can type it. */
export const MAGIC_OTP_FIXED_CODE = '243810000007';

export const MAGIC_NUMBERS: Readonly<Record<string, MagicNumber>> = {
  [MAGIC_FAILED_DELIVERY]: { outcome: 'sent', description: 'accepted, delivery ends FAILED' },
  [MAGIC_REJECTED]: { outcome: 'rejected', description: 'rejected by the gateway ("Invalid destination number"), no credit used' },
  [MAGIC_NO_REPORT]: { outcome: 'sent', description: 'accepted, never gets a delivery report (stays pending)' },
  [MAGIC_SLOW]: {
    outcome: 'unknown',
    description: 'accepted and charged, but the answer waits slowMs (125 s, past any client timeout) -> unknown',
  },
  [MAGIC_RESET]: {
    outcome: 'unknown',
    description: 'accepted and charged, then the connection is reset before any answer -> unknown',
  },
  [MAGIC_HTML_500]: { outcome: 'unknown', description: 'an IIS-style HTML 500 error page, nothing sent -> unknown' },
  [MAGIC_OTP_FIXED_CODE]: {
    outcome: 'sent',
    description: 'an OTP sent here is always 12345678 cut to the asked length (123456 by default); an SMS is delivered',
  },
};

/** Any other valid DRC mobile: accepted, DELIVERED after the delivery delay. */
export const DEFAULT_NUMBER_DESCRIPTION = 'any other DRC mobile: accepted, DELIVERED after the delivery delay';
