// Builds three CommonJS bundles for the extension host, one browser bundle per webview page, and their icons.
// undici and the simulator are separate files so that activation never pays for them (docs/performance.md:
// requiring undici costs ~100 ms); they are loaded with a plain require() on first use.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Keeps `require('undici')` and the simulator as runtime requires of the sibling bundles in dist/. */
const siblingBundles = {
  name: 'sibling-bundles',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
    build.onResolve({ filter: /simulator\/lazy$/ }, () => ({ path: './simulator.js', external: true }));
  },
};

const node = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.18',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
};

/** A webview page's bundle: src/webview/<name>.ts (and the CSS it imports) into dist/webview/. */
function webviewPage(name) {
  return {
    bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: production, sourcemap: !production,
    entryPoints: [`src/webview/${name}.ts`], outfile: `dist/webview/${name}.js`, logLevel: 'info',
  };
}

const builds = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [siblingBundles] },
  { ...node, entryPoints: ['src/core/undiciBundle.ts'], outfile: 'dist/undici.js' },
  { ...node, entryPoints: ['src/simulator/index.ts'], outfile: 'dist/simulator.js', plugins: [siblingBundles] },
  // Each page's script and the stylesheet it imports: dist/webview/<name>.js and .css (served from
  // localResourceRoots dist/webview).
  webviewPage('composer'),
  webviewPage('details'),
  webviewPage('diagnose'),
  // The codicon stylesheet once, with its font beside it, for the pages that draw icons (the composer and the
  // details page link it before their own: one copy in the .vsix instead of one inside each page's stylesheet).
  {
    bundle: true, minify: production, entryPoints: ['src/webview/icons.css'], outfile: 'dist/webview/icons.css',
    loader: { '.ttf': 'file' }, assetNames: '[name]', logLevel: 'info',
  },
];

async function main() {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
