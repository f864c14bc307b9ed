// The simulator's public surface (bundled to dist/simulator.js; the extension reaches it through lazy.ts).
export { KeccelSimulator, startSimulator, SANDBOX_TOKEN, SIMULATOR_BASE_PATH, SIMULATOR_OTP_PATH } from './server';
export { FIXED_OTP_CODE, MAX_WRONG_TRIES, otpRecordFields } from './otp';
export type { OtpEntry } from './otp';
export type { FailureKind, RecordedRequest, SimulatorOptions } from './server';
export type { SimMessage, SimDeliveryStatus } from './state';
export { RequestLog, describeEntry } from './requestLog';
export type { SimRequestEntry } from './requestLog';
export { INJECTED_REJECTION, NO_CHAOS, isChaosActive, describeChaos } from './chaos';
export type { ChaosSettings } from './chaos';
export { describePush } from './callbacks';
export type { ReportEvent } from './reports';
export { SIM_API_PREFIX } from './jsonApi';
export {
  MAGIC_NUMBERS, DEFAULT_NUMBER_DESCRIPTION, MAGIC_FAILED_DELIVERY, MAGIC_REJECTED, MAGIC_NO_REPORT, MAGIC_SLOW,
  MAGIC_RESET, MAGIC_HTML_500, MAGIC_OTP_FIXED_CODE,
} from './magic';
export type { MagicNumber } from './magic';
export { main } from './cli';
