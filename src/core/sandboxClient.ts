// How the sandbox tells the extension's own requests from an app's. The User-Agent cannot do it: any app can
// send `keccel-sms-vscode`. Each sandbox start draws a random key that only the extension's client knows (it is
// never logged, stored or shown) and sends in this header; a request with the key is the extension's.
export const SANDBOX_CLIENT_HEADER = 'x-keccel-sandbox-client';
