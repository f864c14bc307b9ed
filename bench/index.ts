// `npm run bench`: every performance goal of the project, measured in one run on this machine and printed as
// tables with ratios against a baseline taken in the same run (absolute figures vary a lot between machines).
import { benchClient } from './client';
import { benchHistory } from './history';
import { benchHistoryView } from './historyView';
import { benchActivation } from './activation';
import { benchSandboxBurst } from './sandboxBurst';
import { benchSegments } from './segments';
import { benchSmsTexts } from './smsTexts';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  if (want('client')) await benchClient();
  if (want('history')) await benchHistory();
  if (want('view')) await benchHistoryView();
  if (want('segments')) await benchSegments();
  if (want('texts')) await benchSmsTexts();
  if (want('activation')) await benchActivation();
  if (want('sandbox')) await benchSandboxBurst();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
