// The production guard's one rule: which confirmation a send (or an OTP) gets before it leaves. A production
// account always asks, even with `keccel.confirmBeforeSend` off, unless `keccel.confirmProductionSends` is off; its
// question is the production one, whose default answer (Enter, Escape) is "Don't Send".
export type Confirmation = 'none' | 'ask' | 'production';

export function confirmationFor(
  account: { production: boolean } | undefined,
  settings: { confirmBeforeSend: boolean; confirmProductionSends: boolean },
): Confirmation {
  if (account?.production && settings.confirmProductionSends) return 'production';
  return settings.confirmBeforeSend ? 'ask' : 'none';
}
