// Step `url`: the base URL parses, its scheme is one the client accepts (baseUrl.ts, the same rules), and where
// it came from.
import { BaseUrlError, checkBaseUrl } from '../baseUrl';
import { finding, shownUrl, type DiagnosisContext, type StepOutcome } from './context';

export function checkUrl(ctx: DiagnosisContext): StepOutcome {
  try {
    ctx.url = checkBaseUrl(ctx.baseUrl);
  } catch (error) {
    if (!(error instanceof BaseUrlError)) throw error;
    return { ok: false, finding: finding(`url.${error.problem}`, error.url, ctx.source), advice: error.problem === 'insecure' ? finding('url.insecure.advice') : finding(`url.${error.problem}.advice`, ctx.setting) };
  }
  return { ok: true, finding: finding('url.ok', shownUrl(ctx.url), ctx.source) };
}
