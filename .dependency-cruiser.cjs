// Import rules the compiler cannot see, checked by `npm run lint` (dependency-cruiser). Type-only imports count:
// `tsPreCompilationDeps` reads the TypeScript before its types are erased, so a cycle of types is a cycle too.
// The bans on `vscode` and Node modules in browser and core code are in eslint.config.mjs.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules that import each other (even for types only) cannot be read, tested or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-and-webview-stay-off-the-host',
      severity: 'error',
      comment: 'src/common and src/webview run in the browser too: they never import the extension host layer.',
      from: { path: '^src/(common|webview)/' },
      to: { path: '^src/extension/' },
    },
    {
      name: 'browser-code-takes-pure-core-only',
      severity: 'error',
      comment:
        'src/common and src/webview end up in the browser bundles: from the core they take only modules that use ' +
        'neither Node nor the network. A new pure core module may join this list once it imports nothing else.',
      from: { path: '^src/(common|webview)/' },
      to: { path: '^src/core/', pathNot: '^src/core/(numbers|segments|gsm7|sender|types)[.]ts$' },
    },
    {
      name: 'core-stays-an-sdk',
      severity: 'error',
      comment: 'The core and the simulator are a plain-Node SDK: they import neither the extension layer nor the webview.',
      from: { path: '^src/(core|simulator)/' },
      to: { path: '^src/(extension|webview|common)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
