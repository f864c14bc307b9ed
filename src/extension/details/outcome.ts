// What happened to a message, said in the order a user needs it: the outcome first (a failed delivery names
// itself, not the gateway's earlier "submitted"), then what was said earlier, marked as history, then what the
// user can do. The details page shows it whole; the tooltip uses the headline and the history line.
import * as vscode from 'vscode';
import { gatewayFormProblem } from '../../core/numbers';
import type { HistoryRecord } from '../../core/types';
import { numberErrorText } from '../wording/numberErrors';
import { asSentence, outcomeCause } from '../wording/strings';

export interface OutcomeStory {
  headline: string;
  /** Earlier words, as history ("When it was sent, Keccel said: …"). */
  lines: string[];
  advice: string[];
}

/** Whether the sandbox's wire record shows the gateway received the request and answered. */
function sandboxAnswer(record: HistoryRecord): { status: number; body: string } | undefined {
  const post = record.wire?.find((w) => w.method.toUpperCase() === 'POST');
  return post ? { status: post.status, body: post.responseBody } : undefined;
}

export function outcomeStory(record: HistoryRecord): OutcomeStory {
  const said = record.description ? vscode.l10n.t('When it was sent, Keccel said: “{0}”', record.description) : undefined;
  const earlier = said ? [said] : [];
  if (record.sendStatus === 'sent') {
    switch (record.deliveryStatus) {
      case 'delivered':
        return { headline: vscode.l10n.t('Delivered to the phone.'), lines: earlier, advice: [] };
      case 'failed':
        return {
          headline: vscode.l10n.t('Delivery failed: the network reported that the SMS could not reach the phone.'),
          lines: earlier,
          advice: [vscode.l10n.t('Check the number and that the phone is on and reachable, then send it again if it is still needed.')],
        };
      case 'expired':
        return {
          headline: vscode.l10n.t('No delivery report came: it is no longer checked.'),
          lines: earlier,
          advice: [vscode.l10n.t('The SMS may have arrived without a report: ask the recipient before sending it again.')],
        };
      case 'pending':
        return { headline: vscode.l10n.t('Accepted by Keccel, waiting for the delivery report.'), lines: earlier, advice: [] };
      default:
        return { headline: vscode.l10n.t('Accepted by Keccel.'), lines: earlier, advice: [] };
    }
  }
  switch (record.sendStatus) {
    case 'rejected':
      return {
        headline: vscode.l10n.t('Rejected by Keccel: {0}', asSentence(record.description || vscode.l10n.t('No reason given.'))),
        lines: numberLines(record),
        advice: [vscode.l10n.t('Nothing was sent and nothing was charged.')],
      };
    case 'failed':
      return {
        headline: vscode.l10n.t('Not sent: {0}', outcomeCause(record.description)),
        lines: [],
        advice: [vscode.l10n.t('The request never reached the gateway, so nothing was charged. It can be sent again safely.')],
      };
    case 'unknown': {
      const headline = vscode.l10n.t('Outcome unknown: {0}', outcomeCause(record.description));
      const answer = record.sandbox ? sandboxAnswer(record) : undefined;
      if (answer) {
        // The sandbox saw the request: no guessing needed, it says what really happened.
        return {
          headline,
          lines: [vscode.l10n.t('The sandbox did receive this request and answered HTTP {0}: {1}', answer.status, answer.body.trim())],
          advice: [vscode.l10n.t('Sending it again would make a second SMS.')],
        };
      }
      return {
        headline,
        lines: [],
        advice: [
          vscode.l10n.t('Ask the recipient whether the SMS arrived.'),
          vscode.l10n.t('Compare your balance now with the balance before this send: if it went down by {0}, the SMS was sent.', record.segments),
          vscode.l10n.t('Look for the message in the sent messages of your Keccel dashboard.'),
          vscode.l10n.t('Sending it again may deliver it twice, and charge twice.'),
        ],
      };
    }
  }
  return { headline: '', lines: earlier, advice: [] };
}

/**
 * What is wrong with the number a rejected send carried (an app's send of `0812345678`), or nothing when it was in
 * the gateway's form: the user sees the cause, not the number as the extension would have written it.
 */
function numberLines(record: HistoryRecord): string[] {
  const sent = record.sentTo ?? record.to;
  const problem = gatewayFormProblem(sent);
  if (!problem) return [];
  if (problem.kind === 'form') {
    return [
      vscode.l10n.t(
        'The number was sent as {0}: Keccel takes 243 followed by the 9 digits, without +, spaces or the leading 0 ({1}).',
        sent,
        problem.msisdn,
      ),
    ];
  }
  return [vscode.l10n.t('The number was sent as {0}: {1}', sent, numberErrorText(vscode.l10n, problem.code, problem.message))];
}
