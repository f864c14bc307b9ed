// Step `token`: whether the gateway accepted the token, read from the http step's answer. The token goes only to
// the active account's own base URL: for another one the step says it was not sent.
import { GatewayRejectedError, InvalidAnswerError } from '../errors';
import { parseBalanceAnswer } from '../parse';
import { finding, type DiagnosisContext, type StepOutcome } from './context';

export function checkToken(ctx: DiagnosisContext): StepOutcome {
  const withheld = ctx.tokenWithheld;
  if (withheld?.reason === 'otherBaseUrl') return { ok: true, finding: finding('token.notSent', withheld.accountUrl) };
  if (withheld?.reason === 'none') return { ok: false, finding: finding('token.none'), advice: finding('token.none.advice') };
  try {
    const balance = parseBalanceAnswer(ctx.answer!.body);
    return { ok: true, finding: finding('token.accepted', balance.balance, balance.status) };
  } catch (error) {
    if (error instanceof GatewayRejectedError) {
      return { ok: false, finding: finding('token.rejected', error.description), advice: finding('token.rejected.advice') };
    }
    const excerpt = error instanceof InvalidAnswerError ? error.excerpt : '';
    return { ok: false, finding: finding('token.unclear', excerpt), advice: finding('token.unclear.advice', ctx.setting) };
  }
}
