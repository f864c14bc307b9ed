// One message the simulator accepted, as its state holds it and its state file stores it (persistence.ts):
// a file of its own so that the state and the state file can both name it without importing each other.

export type SimDeliveryStatus = 'DELIVERED' | 'FAILED' | 'PENDING';

export interface SimMessage {
  messageId: string;
  to: string;
  from: string;
  message: string;
  segments: number;
  /** ms since epoch. */
  sentAt: number;
  /** When the report arrives (ms since epoch); null: never. */
  reportAt: number | null;
  finalStatus: 'DELIVERED' | 'FAILED';
  /** For an SMS sent by `otp/generate.asp`: the code it carries, so the developer can read it (otp.ts). */
  otp?: string;
  /** When that code stops being valid (ms since epoch); kept on the message so a restarted sandbox still knows. */
  otpExpiresAt?: number;
  /** The code was checked right once: never again. */
  otpUsed?: boolean;
  /** Wrong codes checked against it so far. */
  otpWrongTries?: number;
}
