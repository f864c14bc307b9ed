// The path the extension requires on first use of the sandbox; esbuild maps it to the sibling dist/simulator.js
// so the simulator never weighs on activation.
export * from './index';
