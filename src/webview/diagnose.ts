// The browser side of the "Diagnose Connection" report: lays out the DiagnoseView the extension sends, every node
// built with createElement and textContent, and posts Copy and Run Again back.
import './diagnose.css';
import type { DiagnoseTone, DiagnoseToExtension, DiagnoseView, ExtensionToDiagnose } from '../common/diagnoseProtocol';

declare function acquireVsCodeApi(): { postMessage(message: DiagnoseToExtension): void };

const vscodeApi = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
let copyButton: HTMLButtonElement | undefined;
let copiedLabel = '';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const MARKS: Record<DiagnoseTone, string> = { ok: '✓', warning: '!', error: '✗' };

function button(label: string, message: DiagnoseToExtension): HTMLButtonElement {
  const node = el('button', undefined, label);
  node.type = 'button';
  node.addEventListener('click', () => vscodeApi.postMessage(message));
  return node;
}

function render(view: DiagnoseView): void {
  document.documentElement.lang = view.locale;
  document.title = view.title;
  const main = el('main', 'report');
  main.append(el('h1', 'title', view.title), el('p', 'context', view.context));
  const verdict = el('p', `verdict tone-${view.tone}`, view.verdict);
  verdict.setAttribute('role', 'status');
  main.append(verdict);

  const list = el('ol', 'steps');
  for (const row of view.rows) {
    const item = el('li', `step tone-${row.tone}`);
    item.dataset.step = row.id;
    const head = el('div', 'head');
    const mark = el('span', 'mark', MARKS[row.tone]);
    mark.setAttribute('aria-hidden', 'true');
    head.append(mark, el('span', 'label', row.label), el('span', 'time', row.time));
    item.append(head, el('p', 'detail', row.detail));
    if (row.advice) {
      const advice = el('p', 'advice');
      advice.append(el('strong', undefined, view.labels.tryNext), document.createTextNode(' ' + row.advice));
      item.append(advice);
    }
    list.append(item);
  }
  main.append(list);

  const actions = el('div', 'actions');
  copyButton = button(view.labels.copy, { type: 'copy' });
  copiedLabel = view.labels.copied;
  actions.append(copyButton, button(view.labels.rerun, { type: 'rerun' }));
  main.append(actions);
  root.replaceChildren(main);
}

window.addEventListener('message', (event: MessageEvent<ExtensionToDiagnose>) => {
  const message = event.data;
  switch (message.type) {
    case 'render':
      render(message.view);
      break;
    case 'copied':
      if (copyButton) copyButton.textContent = copiedLabel;
      break;
    default:
      assertNever(message);
  }
});

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}

vscodeApi.postMessage({ type: 'ready' });
