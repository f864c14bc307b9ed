// Where a paid request goes, as the user confirmed it: the profile and the gateway URL shown in the confirmation.
// The pipeline sends only if the current target is still that one, so a sandbox started or stopped (or an API URL
// changed) between the confirmation and the request never sends somewhere the user did not agree to.
import type { ProfileId } from '../session/profileId';

export interface SendTarget {
  profileId: ProfileId;
  /** The gateway's base URL (the sandbox's loopback URL, or `keccel.apiBaseUrl`). */
  baseUrl: string;
  /** True for the built-in sandbox: its records are kept apart and say so. */
  sandbox: boolean;
  /** The account's name (not the sandbox's): shown in confirmations and kept on the record. */
  account?: string;
}

export function sameTarget(a: SendTarget | undefined, b: SendTarget | undefined): boolean {
  return a !== undefined && b !== undefined && a.profileId === b.profileId && a.baseUrl === b.baseUrl && a.sandbox === b.sandbox;
}

/** For the log: which profile and host. */
export function describeTarget(target: SendTarget | undefined): string {
  return target ? `${target.profileId} (${target.baseUrl})` : 'none';
}
