// The composer's user-facing strings, localised on the extension side (the webview has no VS Code API) and sent
// to the webview in `init`. `l10n` is `vscode.l10n` in the extension and a stand-in in unit tests; the calls keep
// the literal `l10n.t('...')` form so the l10n tooling can extract them. Placeholders the webview fills later are
// passed through as themselves ('{0}' for {0}), which works whether or not a translation exists.
import type { ComposerStrings } from '../../common/composerProtocol';
import { numberErrorSummaries, type Localizer } from '../wording/numberErrors';

export type { Localizer };

const P0 = '{0}';
const P1 = '{1}';
const P2 = '{2}';
const P3 = '{3}';

export function composerStrings(l10n: Localizer, locale: string): ComposerStrings {
  return {
    locale,
    title: l10n.t('SMS Composer'),
    to: l10n.t('To'),
    from: l10n.t('From'),
    message: l10n.t('Message'),
    toPlaceholder: l10n.t('+243 81 234 5678 or 081 234 5678'),
    fromPlaceholder: l10n.t('Default sender: {0}', P0),
    messagePlaceholder: l10n.t('Type your message'),
    send: l10n.t('Send'),
    sending: l10n.t('Sending…'),
    sendHint: l10n.t('{0} to send', P0),
    sandboxBadge: l10n.t('Sandbox'),
    sandboxTooltip: l10n.t('Sandbox mode: messages go to the built-in simulator and are never really sent.'),
    productionTooltip: l10n.t('Production account "{0}": every SMS is paid and reaches a real person. Each send asks first.'),
    accountTooltip: l10n.t('Sends go from the account "{0}".'),
    noToken: l10n.t('No Keccel API token is set, so nothing can be sent yet.'),
    setToken: l10n.t('Set API Token'),
    numberOk: l10n.t('{0} · {1}', P0, P1),
    numberErrors: numberErrorSummaries(l10n),
    fromTooLong: l10n.t('A sender name has at most {0} characters.', P0),
    fromInvalid: l10n.t('A sender name may only contain letters, digits, spaces and common punctuation.'),
    fromSettingTooLong: l10n.t('The default sender "{0}" (setting keccel.sender) is too long: a sender name has at most {1} characters. Change the setting or type a sender here.', P0, P1),
    fromSettingInvalid: l10n.t('The default sender "{0}" (setting keccel.sender) may only contain letters, digits, spaces and common punctuation. Change the setting or type a sender here.', P0),
    segmentsOne: l10n.t('{0} segment', P0),
    segmentsOther: l10n.t('{0} segments', P0),
    charactersOne: l10n.t('{0} character', P0),
    charactersOther: l10n.t('{0} characters', P0),
    left: l10n.t('{0} left in this part', P0),
    doubleWidthOne: l10n.t('{0} counts as 2 characters in GSM-7', P0),
    doubleWidthOther: l10n.t('{0} count as 2 characters each in GSM-7', P0),
    ucs2Intro: l10n.t('UCS-2 (70 characters per SMS instead of 160) because of:'),
    ucs2Char: l10n.t('"{0}" (U+{1}) at position {2}', P0, P1, P2),
    ucs2CharReplacement: l10n.t('"{0}" (U+{1}) at position {2} → "{3}"', P0, P1, P2, P3),
    ucs2CharDropped: l10n.t('"{0}" (U+{1}) at position {2} (invisible: will be removed)', P0, P1, P2),
    ucs2More: l10n.t('and {0} more', P0),
    rewrite: l10n.t('Rewrite as GSM-7'),
    rewriteDone: l10n.t('Characters rewritten: {0}.', P0),
    rewriteRemaining: l10n.t('No GSM-7 form for {0}: the message stays UCS-2.', P0),
    rewriteBlockedOne: l10n.t('No GSM-7 form for {0}: remove it first, or the message stays UCS-2.', P0),
    rewriteBlockedOther: l10n.t('No GSM-7 form for {0}: remove them first, or the message stays UCS-2.', P0),
    undo: l10n.t('Undo'),
    lastMessage: l10n.t('Last message to {0}', P0),
    sent: l10n.t('Sent. Message ID: {0}', P0),
    sentNoId: l10n.t('Sent.'),
    sentSandbox: l10n.t('Sandbox: simulated, nothing was really sent.'),
    rejected: l10n.t('Rejected'),
    unknown: l10n.t('Outcome unknown'),
    unknownWarning: l10n.t('Sending it again could charge it twice.'),
    confirmAgain: l10n.t('Send asks for confirmation before sending the same message again.'),
    inFlight: l10n.t('Sending… waiting for Keccel’s answer'),
    interrupted: l10n.t('Last send interrupted'),
    interruptedDetail: l10n.t('The window closed or reloaded before Keccel answered: the SMS may have gone through.'),
    failed: l10n.t('Not sent'),
    deliveryPending: l10n.t('Waiting for delivery report'),
    delivered: l10n.t('Delivered'),
    deliveryFailed: l10n.t('Delivery failed'),
    deliveryExpired: l10n.t('No delivery report (gave up)'),
    messageId: l10n.t('Message ID: {0}', P0),
    showInHistory: l10n.t('Show in History'),
    copyAsCode: l10n.t('Copy as Code…'),
    recordRemoved: l10n.t('The last message was removed from the history.'),
    dismiss: l10n.t('Dismiss'),
    notSent: l10n.t('Nothing was sent.'),
    sendError: l10n.t('Could not send: {0}', P0),
  };
}

/** Every English key this module looks up (for the test that checks the French bundle is complete). */
export function composerStringKeys(): string[] {
  const keys: string[] = [];
  composerStrings({ t: (message) => (keys.push(message), message) }, 'en');
  return keys;
}
