// A profile is one place paid requests go to, with its own credentials, client, history file and poller. Today
// there are two built-in ones, the live account and the sandbox; accounts become more profiles with ids of their
// own, so everything that used to be kept per mode is kept per profile id.
export type ProfileId = string;

/** The live Keccel account of the `keccel.apiBaseUrl` setting and the stored token. */
export const LIVE_PROFILE: ProfileId = 'live';
/** The built-in simulator, running in this window. */
export const SANDBOX_PROFILE: ProfileId = 'sandbox';
