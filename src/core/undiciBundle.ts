// The sibling bundle dist/undici.js (see esbuild.js): only what src/core/http.ts uses, loaded on first request.
export { request, Agent, ProxyAgent } from 'undici';
