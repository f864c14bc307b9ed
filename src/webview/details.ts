// The browser side of the details page. It lays out the DetailsView the extension sends, building every node
// with createElement and textContent: the message text, the gateway's words and the wire exchange are shown as
// text, never parsed as HTML. Buttons post one typed action back.
import './details.css';
import {
  type DetailsAction,
  type DetailsState,
  type DetailsTone,
  type DetailsToExtension,
  type DetailsView,
  type ExtensionToDetails,
} from '../common/detailsProtocol';

declare function acquireVsCodeApi(): { postMessage(message: DetailsToExtension): void; setState(state: DetailsState): void };

const vscodeApi = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function icon(name: string): HTMLElement {
  const node = el('span', `codicon codicon-${name}`);
  node.setAttribute('aria-hidden', 'true');
  return node;
}

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  const node = el('section', 'section');
  node.append(el('h2', undefined, title), ...children);
  return node;
}

function toneClass(tone: DetailsTone): string {
  return `tone-${tone}`;
}

/** The whole page, top to bottom: what happened first, then what was sent, the facts, the story, the wire. */
function render(view: DetailsView): void {
  document.documentElement.lang = view.locale;
  document.title = view.title;
  const main = el('main', 'details');
  const parts = [
    headerOf(view),
    outcomeOf(view),
    actionsOf(view),
    textSectionOf(view),
    partsSectionOf(view),
    section(view.headings.details, factsOf(view)),
    section(view.headings.timeline, timelineOf(view)),
    wireSectionOf(view),
    pushesSection(view),
  ];
  for (const part of parts) if (part) main.append(part);
  root.replaceChildren(main);
}

function headerOf(view: DetailsView): HTMLElement {
  const header = el('header', 'header');
  header.append(el('h1', 'title', view.title));
  const state = el('span', `state ${toneClass(view.state.tone)}`);
  state.append(icon(view.state.codicon), el('span', undefined, view.state.label));
  header.append(state);
  return header;
}

function outcomeOf(view: DetailsView): HTMLElement {
  const outcome = el('div', `outcome ${toneClass(view.state.tone)}`);
  outcome.setAttribute('role', 'status');
  outcome.append(el('p', 'headline', view.outcome.headline));
  for (const line of view.outcome.lines) outcome.append(el('p', 'history-line', line));
  if (view.outcome.advice.length > 0) {
    const list = el('ul', 'advice');
    for (const item of view.outcome.advice) list.append(el('li', undefined, item));
    outcome.append(list);
  }
  return outcome;
}

/** One button per action; a click posts the action back to the extension, which runs the command. */
function actionsOf(view: DetailsView): HTMLElement {
  const actions = el('div', 'actions');
  for (const action of view.actions) {
    const button = el('button', 'secondary');
    button.type = 'button';
    button.dataset.action = action.action;
    button.append(icon(action.codicon), el('span', undefined, action.label));
    button.addEventListener('click', () => post({ type: 'action', action: action.action as DetailsAction }));
    actions.append(button);
  }
  return actions;
}

/** The message text, or why it is not there; nothing when the view has neither. */
function textSectionOf(view: DetailsView): HTMLElement | undefined {
  if (view.text !== undefined) return section(view.headings.text, el('pre', 'text', view.text));
  if (view.textMissing) return section(view.headings.text, el('p', 'muted', view.textMissing));
  return undefined;
}

/** The parts of a multipart SMS; nothing for a single one. */
function partsSectionOf(view: DetailsView): HTMLElement | undefined {
  if (view.parts.length <= 1) return undefined;
  const list = el('ol', 'parts');
  for (const part of view.parts) {
    const item = el('li', 'part');
    item.append(el('div', 'caption', part.caption), el('pre', 'text', part.text));
    list.append(item);
  }
  return section(view.headings.parts, list);
}

function factsOf(view: DetailsView): HTMLElement {
  const facts = el('dl', 'facts');
  for (const fact of view.facts) facts.append(el('dt', undefined, fact.label), el('dd', undefined, fact.value));
  return facts;
}

function timelineOf(view: DetailsView): HTMLElement {
  const timeline = el('ol', 'timeline');
  for (const event of view.events) {
    const item = el('li', toneClass(event.tone));
    const time = el('time', 'at', event.at);
    time.dateTime = event.iso;
    item.append(time, el('span', 'event', event.label));
    if (event.description) item.append(el('div', 'said', event.description));
    timeline.append(item);
  }
  return timeline;
}

/** Each request and answer as they crossed the wire (the token already masked); nothing when none was recorded. */
function wireSectionOf(view: DetailsView): HTMLElement | undefined {
  if (view.wire.length === 0) return undefined;
  const list = el('div', 'wire');
  for (const exchange of view.wire) {
    const block = el('details', 'exchange');
    block.open = true;
    block.append(el('summary', undefined, `${exchange.at} · ${exchange.title}`));
    block.append(el('h3', undefined, view.headings.request), el('pre', 'code', exchange.request));
    block.append(el('h3', undefined, view.headings.response), el('pre', 'code', exchange.response));
    list.append(block);
  }
  return section(view.headings.wire, list);
}

/** Each push to the callback URL (time, URL, status pushed, HTTP status or error), and Push Again. */
function pushesSection(view: DetailsView): HTMLElement | undefined {
  const { items, empty, again } = view.pushes;
  if (items.length === 0 && !again) return undefined;
  const children: HTMLElement[] = [];
  if (items.length > 0) {
    const list = el('ol', 'timeline pushes');
    for (const push of items) {
      const item = el('li', toneClass(push.tone));
      const time = el('time', 'at', push.at);
      time.dateTime = push.iso;
      item.append(time, el('span', 'event', `${push.report} → ${push.result}`), el('div', 'said url', push.url));
      list.append(item);
    }
    children.push(list);
  } else if (empty) {
    children.push(el('p', 'muted', empty));
  }
  if (again) {
    const button = el('button', 'secondary');
    button.type = 'button';
    button.dataset.action = 'pushAgain';
    button.append(icon(again.codicon), el('span', undefined, again.label));
    button.addEventListener('click', () => post({ type: 'action', action: 'pushAgain' }));
    const row = el('div', 'actions');
    row.append(button);
    children.push(row);
  }
  return section(view.headings.pushes, ...children);
}

function renderRemoved(text: string): void {
  const main = el('main', 'details');
  main.append(el('p', 'outcome tone-neutral', text));
  root.replaceChildren(main);
}

function post(message: DetailsToExtension): void {
  vscodeApi.postMessage(message);
}

window.addEventListener('message', (event: MessageEvent<ExtensionToDetails>) => {
  const message = event.data;
  switch (message.type) {
    case 'render':
      render(message.view);
      // VS Code keeps this with the tab: after a reload the extension shows the same record again.
      vscodeApi.setState(message.restore);
      break;
    case 'removed':
      renderRemoved(message.text);
      break;
    default:
      assertNever(message);
  }
});

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}

post({ type: 'ready' });
