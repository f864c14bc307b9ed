// The question asked before sending again a message whose first attempt had an unknown outcome (the tree's
// "Resend", the composer's Send on the same draft): that attempt may already be on the phone, and paid for.
// VS Code makes the first non-close button of a modal dialog its default (Enter) and adds the close one (Escape)
// itself, so the default here is a "Don't Send" button of our own, placed first; "Send Again" is never the
// default, and no close-affordance trick can make Escape or Enter send.
import type { HistoryRecord } from '../../core/types';
import type { Localizer } from '../wording/numberErrors';

export interface SendAgainItem {
  title: string;
  isCloseAffordance?: boolean;
  /** True only for the button that sends. */
  sends: boolean;
}

/** The dialog's buttons in the order VS Code gets them: the default first, then Send Again, then Cancel (Escape). */
export function sendAgainItems(l10n: Localizer): SendAgainItem[] {
  return [
    { title: l10n.t("Don't Send"), sends: false },
    { title: l10n.t('Send Again'), sends: true },
    { title: l10n.t('Cancel'), isCloseAffordance: true, sends: false },
  ];
}

/** What the dialog says about the first attempt (its recipient goes into the question). */
export function sendAgainDetail(l10n: Localizer, record: HistoryRecord, segments: string): string {
  const first = record.interrupted || record.inFlight
    ? l10n.t('The last attempt was interrupted before Keccel answered: it may already have arrived and been charged. Check with the recipient or your balance first.')
    : l10n.t('The first attempt may already have arrived and been charged: check with the recipient or your balance first.');
  return [first, l10n.t('This is a new SMS ({0}), charged again. From {1}.', segments, record.from)].join('\n\n');
}
