// Step `http`: asks the balance endpoint the way the client does (undici, the same kind of connection pool, the
// same proxy) and checks that a JSON answer comes back: its status and content type. The token is in the request
// only when it may go there (index.ts); the token and clock steps read the same answer.
import { firstLineOfBody } from '../errors';
import { errorCode, formatSeconds, loadUndici, newDispatcher, USER_AGENT } from '../http';
import { finding, type DiagnosisContext, type StepOutcome } from './context';

/** Answers larger than this are cut (an error page can be big; a balance answer is a few dozen bytes). */
const MAX_BODY_CHARS = 64 * 1024;

export async function checkHttp(ctx: DiagnosisContext): Promise<StepOutcome> {
  const url = ctx.url!;
  const query = new URLSearchParams();
  if (ctx.token !== undefined) query.set('token', ctx.token);
  query.set('from', ctx.from);
  const undici = loadUndici();
  const dispatcher = newDispatcher(undici, ctx.timeoutMs, ctx.proxy?.choice.url);
  try {
    const res = await undici.request(`${url.origin}${url.pathname.replace(/\/+$/, '')}/balance.asp?${query}`, {
      method: 'GET',
      headers: { 'user-agent': USER_AGENT },
      dispatcher,
    });
    const receivedAt = ctx.now();
    const body = (await res.body.text()).slice(0, MAX_BODY_CHARS);
    const header = (name: string) => {
      const value = res.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const contentType = header('content-type') ?? '';
    ctx.answer = { status: res.statusCode, contentType, body, date: header('date'), receivedAt };
    return judge(res.statusCode, contentType, body, ctx.setting);
  } catch (error) {
    const code = errorCode(error) ?? 'ERROR';
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return { ok: false, finding: finding('http.timeout', formatSeconds(ctx.timeoutMs)), advice: finding('http.failed.advice') };
    }
    return { ok: false, finding: finding('http.failed', code), advice: finding('http.failed.advice') };
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}

/** `setting`: where the user changes the base URL (the advice about a wrong address names it). */
function judge(status: number, contentType: string, body: string, setting: string): StepOutcome {
  if (status < 200 || status > 299) {
    return { ok: false, finding: finding('http.status', status, contentType, firstLineOfBody(body)), advice: statusAdvice(status, setting) };
  }
  if (/html/i.test(contentType) || body.trimStart().startsWith('<')) {
    return { ok: false, finding: finding('http.html', status, contentType, firstLineOfBody(body)), advice: finding('http.html.advice', setting) };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, finding: finding('http.notJson', status, contentType, firstLineOfBody(body)), advice: finding('http.notJson.advice', setting) };
  }
  return { ok: true, finding: finding('http.ok', status, contentType) };
}

function statusAdvice(status: number, setting: string) {
  if (status === 404) return finding('http.notFound.advice', setting);
  if (status === 407) return finding('http.proxyAuth.advice');
  if (status === 429) return finding('http.rateLimited.advice');
  if (status >= 500) return finding('http.serverError.advice');
  return finding('http.status.advice', setting);
}
