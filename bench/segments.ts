// The composer re-counts segments on every keystroke, so analyzeMessage must stay far below a frame (16 ms) even
// for a long text. Measured against a baseline in the same run: a bare code-point walk over the same text.
import { analyzeMessage, rewriteToGsm7 } from '../src/core/segments';

function opsPerSecond(fn: () => unknown, minMs = 300): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up, so the JIT has compiled what we time
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn();
    runs += 100;
    elapsed = performance.now() - start;
  }
  return (runs / elapsed) * 1000;
}

export async function benchSegments(): Promise<void> {
  const french = 'Bonjour, ça va ? Très bien, à bientôt… L’équipe vous remercie « chaleureusement » 😀 ';
  const texts: Array<[string, string]> = [
    ['GSM-7, 160 chars', 'a'.repeat(160)],
    ['French UCS-2, ~1 600 chars', french.repeat(Math.ceil(1600 / french.length)).slice(0, 1600)],
  ];
  const rows = texts.map(([label, text]) => {
    const baseline = opsPerSecond(() => {
      let n = 0;
      for (const ch of text) n += ch.length;
      return n;
    });
    const analyze = opsPerSecond(() => analyzeMessage(text));
    const rewrite = opsPerSecond(() => rewriteToGsm7(text));
    return {
      text: label,
      'analyze µs/op': +(1e6 / analyze).toFixed(1),
      'rewrite µs/op': +(1e6 / rewrite).toFixed(1),
      'analyze vs bare walk': `${(baseline / analyze).toFixed(1)}x slower`,
      'analyze under 1 ms': 1e3 / analyze < 1 ? 'yes' : 'NO',
    };
  });
  console.log('\nSegments (per keystroke in the composer)');
  console.table(rows);
}

if (require.main === module) {
  benchSegments().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
