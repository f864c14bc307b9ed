// The words of "Diagnose Connection" in the user's language: the core (core/diagnose/) says what it found as keys
// with their values; this turns each into a sentence. Values from the network (a page's first line, a certificate's
// name, the gateway's description) are inserted as they are and shown as text by every caller.
import * as vscode from 'vscode';
import type { Finding, FindingKey, StepId } from '../../core/diagnose';

export function stepLabel(id: StepId): string {
  switch (id) {
    case 'url': return vscode.l10n.t('Address');
    case 'proxy': return vscode.l10n.t('Proxy');
    case 'dns': return vscode.l10n.t('Name lookup (DNS)');
    case 'tcp': return vscode.l10n.t('Connection (TCP)');
    case 'tls': return vscode.l10n.t('Secure connection (TLS)');
    case 'http': return vscode.l10n.t('Balance endpoint (HTTP)');
    case 'token': return vscode.l10n.t('API token');
    case 'clock': return vscode.l10n.t('Clock');
  }
}

type Args = (string | number)[];

const TEXTS: Record<FindingKey, (a: Args) => string> = {
  'url.ok': (a) => vscode.l10n.t('{0}, from {1}.', ...a),
  'url.invalid': (a) => vscode.l10n.t('"{0}" (from {1}) is not a valid URL.', ...a),
  'url.scheme': (a) => vscode.l10n.t('{0} (from {1}) does not start with https://.', ...a),
  'url.insecure': (a) => vscode.l10n.t('{0} (from {1}) is plain http to another machine: the token would travel in clear, so the extension refuses it.', ...a),
  'url.invalid.advice': (a) => vscode.l10n.t('Correct {0} (the live gateway is https://api.keccel.com/sms/v2), or remove it to use the live gateway.', ...a),
  'url.scheme.advice': (a) => vscode.l10n.t('Use an https:// address in {0}.', ...a),
  'url.insecure.advice': () => vscode.l10n.t('Use https://; plain http is allowed only to this machine (localhost, 127.0.0.1), for a local simulator.'),

  'proxy.none': () => vscode.l10n.t('No proxy: neither http.proxy nor HTTPS_PROXY is set, the connection is direct.'),
  'proxy.bypassed': (a) => vscode.l10n.t('{0} (from {1}) is not used for this machine: the connection is direct.', ...a),
  'proxy.used': (a) => vscode.l10n.t('Through the proxy {0} (from {1}); the next steps test the proxy.', ...a),
  'proxy.usedWithCredentials': (a) => vscode.l10n.t('Through the proxy {0}, with a user name and password (from {1}); the next steps test the proxy.', ...a),
  'proxy.invalid': (a) => vscode.l10n.t('The proxy "{0}" (from {1}) is not an http:// or https:// URL.', ...a),
  'proxy.invalid.advice': (a) => vscode.l10n.t('Write the proxy in {0} as http://host:port (http://user:password@host:port when it asks for a login).', ...a),

  'dns.ok': (a) => vscode.l10n.t('{0} resolves to {1}.', ...a),
  'dns.literal': (a) => vscode.l10n.t('{0} is an address: nothing to resolve.', ...a),
  'dns.notFound': (a) => vscode.l10n.t('{0} does not resolve ({1}).', ...a),
  'dns.temporary': (a) => vscode.l10n.t('No answer from the name server for {0} ({1}).', ...a),
  'dns.failed': (a) => vscode.l10n.t('Could not resolve {0} ({1}).', ...a),
  'dns.notFound.advice': (a) => vscode.l10n.t('Check the host name in {0}, then whether this machine is online (open any web site). On a company network, outside names may resolve only through its proxy: set http.proxy.', ...a),
  'dns.temporary.advice': () => vscode.l10n.t('The network or its name server is slow or down: check the connection (mobile data, Wi-Fi) and try again in a moment.'),
  'dns.proxy.advice': (a) => vscode.l10n.t('The proxy\'s name does not resolve: check its host in {0}.', ...a),

  'tcp.ok': (a) => vscode.l10n.t('Connected to {0}.', ...a),
  'tcp.refused': (a) => vscode.l10n.t('{0} refused the connection: nothing listens on that port.', ...a),
  'tcp.timeout': (a) => vscode.l10n.t('No answer from {0}: the connection timed out.', ...a),
  'tcp.failed': (a) => vscode.l10n.t('Could not connect to {0} ({1}).', ...a),
  'tcp.refused.advice': (a) => vscode.l10n.t('Check the port in {0} (https uses 443); a firewall may also refuse the connection.', ...a),
  'tcp.refusedLoopback.advice': () => vscode.l10n.t('Nothing runs at that address on this machine: start the sandbox (Keccel: Start Sandbox) or your simulator, or check the port.'),
  'tcp.timeout.advice': () => vscode.l10n.t('A firewall or the network drops the connection: check the connection, and whether this network needs a proxy (http.proxy).'),
  'tcp.proxy.advice': (a) => vscode.l10n.t('The proxy does not accept connections: check its host and port in {0}, and that it is running.', ...a),

  'tls.none': () => vscode.l10n.t('Plain http to this machine: no TLS.'),
  'tls.ok': (a) => vscode.l10n.t('{0}; certificate of {1} issued by {2}, trusted, valid for {3} more days.', ...a),
  'tls.untrusted': (a) => vscode.l10n.t('{0}; the certificate of {1} issued by {2} ({3} days left) is not trusted: {4}.', ...a),
  'tls.failed': (a) => vscode.l10n.t('The secure connection failed ({0}).', ...a),
  'tls.tunnelRefused': (a) => vscode.l10n.t('The proxy {0} refused the tunnel to the gateway: {1} {2}.', ...a),
  'tls.untrusted.advice': () => vscode.l10n.t('Something between you and the gateway shows its own certificate: a company proxy or antivirus that inspects https, or a Wi-Fi login page. Ask its administrator; their certificate authority can be added with NODE_EXTRA_CA_CERTS.'),
  'tls.expired.advice': () => vscode.l10n.t('The certificate has expired, or this machine\'s date is wrong: check the date first.'),
  'tls.expiresSoon.advice': (a) => vscode.l10n.t('The certificate expires in {0} days: if it is a proxy\'s, tell its administrator; if it is Keccel\'s, tell Keccel.', ...a),
  'tls.failed.advice': () => vscode.l10n.t('The server or a network device broke the handshake: try again, try another network, or check the proxy.'),
  'tls.proxyAuth.advice': (a) => vscode.l10n.t('The proxy asks for a login. The extension sends the user name and password written in the proxy\'s URL: put them in the http.proxy setting as http://user:password@host:port (the proxy now comes from {0}).', ...a),
  'tls.tunnelRefused.advice': (a) => vscode.l10n.t('The proxy does not let connections to the gateway through: ask its administrator to allow it, or check the proxy in {0}.', ...a),

  'http.ok': (a) => vscode.l10n.t('HTTP {0}, {1}.', ...a),
  'http.status': (a) => vscode.l10n.t('HTTP {0} ({1}): {2}', ...a),
  'http.html': (a) => vscode.l10n.t('A web page came back instead of a Keccel answer (HTTP {0}, {1}): {2}', ...a),
  'http.notJson': (a) => vscode.l10n.t('The answer is not JSON (HTTP {0}, {1}): {2}', ...a),
  'http.failed': (a) => vscode.l10n.t('The request failed ({0}).', ...a),
  'http.timeout': (a) => vscode.l10n.t('No answer within {0}.', ...a),
  'http.html.advice': (a) => vscode.l10n.t('A Wi-Fi or hotspot login page, a proxy or a wrong address answered instead of Keccel: open the address in a browser, sign in to the network if asked, and check {0}.', ...a),
  'http.notJson.advice': (a) => vscode.l10n.t('Check {0}: the base URL ends with /sms/v2.', ...a),
  'http.notFound.advice': (a) => vscode.l10n.t('The address is wrong: correct {0}. The live gateway is https://api.keccel.com/sms/v2; a simulator\'s base URL ends with /sms/v2.', ...a),
  'http.proxyAuth.advice': () => vscode.l10n.t('The proxy asks for a login: put the user name and password in the http.proxy setting as http://user:password@host:port.'),
  'http.rateLimited.advice': () => vscode.l10n.t('Too many requests: wait a minute and try again.'),
  'http.serverError.advice': () => vscode.l10n.t('The gateway has a problem on its side: try again later, and tell Keccel if it lasts.'),
  'http.status.advice': (a) => vscode.l10n.t('The gateway refused the request: check {0}.', ...a),
  'http.failed.advice': () => vscode.l10n.t('The connection broke during the request: try again; on a slow network, raise keccel.requestTimeoutSeconds.'),

  'token.accepted': (a) => vscode.l10n.t('Accepted: {0} SMS left, account {1}.', ...a),
  'token.notSent': (a) => vscode.l10n.t('Not checked: the token is sent only to the active account\'s own address ({0}).', ...a),
  'token.none': () => vscode.l10n.t('No API token is stored for this account.'),
  'token.rejected': (a) => vscode.l10n.t('The gateway refused it: {0}', ...a),
  'token.unclear': (a) => vscode.l10n.t('The gateway\'s answer does not say: {0}', ...a),
  'token.none.advice': () => vscode.l10n.t('Set it with Keccel: Set API Token, or try the sandbox (Keccel: Start Sandbox).'),
  'token.rejected.advice': () => vscode.l10n.t('Copy the token again from your Keccel account and set it with Keccel: Set API Token: an old token or another account\'s is refused.'),
  'token.unclear.advice': (a) => vscode.l10n.t('Check {0}; if it is right, send this report to Keccel.', ...a),

  'clock.ok': (a) => vscode.l10n.t('This machine\'s clock is within {0} s of the gateway\'s.', ...a),
  'clock.noDate': () => vscode.l10n.t('The answer has no date to compare with.'),
  'clock.ahead': (a) => vscode.l10n.t('This machine\'s clock is {0} minutes ahead of the gateway\'s.', ...a),
  'clock.behind': (a) => vscode.l10n.t('This machine\'s clock is {0} minutes behind the gateway\'s.', ...a),
  'clock.advice': () => vscode.l10n.t('Set the date and time automatically in the system settings, and check the time zone: certificates and expiry dates are judged by this clock.'),

  'step.error': (a) => vscode.l10n.t('The check failed unexpectedly: {0}', ...a),
};

/** A finding as a sentence; an empty value (a missing content type) reads as a dash. */
export function findingText(finding: Finding): string {
  return TEXTS[finding.key](finding.args.map((arg) => (arg === '' ? '—' : arg)));
}
