// What "Diagnose Connection" gives back: the command's answer (`{ok, steps: [{id, ok, ms, detail}]}`, plus the
// advice), the page's view and the plain text of the Copy button, all from the same worded steps. None of them can
// hold the token: the core redacts every value it reports, and nothing else is added here.
import * as vscode from 'vscode';
import type { DiagnosisResult, StepId } from '../../core/diagnose';
import type { DiagnoseTone, DiagnoseView } from '../../common/diagnoseProtocol';
import { displayLocale } from '../wording/strings';
import { findingText, stepLabel } from './wording';

export interface DiagnosisStepAnswer {
  id: StepId;
  ok: boolean;
  ms: number;
  detail: string;
  advice?: string;
  warning?: boolean;
}

export interface DiagnosisAnswer {
  ok: boolean;
  /** The base URL checked (scheme, host and path). */
  baseUrl: string;
  steps: DiagnosisStepAnswer[];
}

export function toAnswer(result: DiagnosisResult, baseUrl: string): DiagnosisAnswer {
  return {
    ok: result.ok,
    baseUrl,
    steps: result.steps.map((step) => ({
      id: step.id,
      ok: step.ok,
      ms: step.ms,
      detail: findingText(step.finding),
      ...(step.advice ? { advice: findingText(step.advice) } : {}),
      ...(step.warning ? { warning: true } : {}),
    })),
  };
}

function tone(step: DiagnosisStepAnswer): DiagnoseTone {
  if (!step.ok) return 'error';
  return step.warning ? 'warning' : 'ok';
}

function verdict(answer: DiagnosisAnswer): string {
  const failed = answer.steps.find((step) => !step.ok);
  // The token and the clock are checked on the gateway's answer: it was reached.
  if (failed?.id === 'token' || failed?.id === 'clock') return vscode.l10n.t('Keccel answers, but the step "{0}" failed.', stepLabel(failed.id));
  if (failed) return vscode.l10n.t('Keccel cannot be reached from here: the step "{0}" failed.', stepLabel(failed.id));
  if (answer.steps.some((step) => step.warning)) return vscode.l10n.t('Keccel can be reached, with a warning below.');
  return vscode.l10n.t('Keccel can be reached: every step passed.');
}

/** "3 Dec 2026, 12:40 · VS Code 1.139.1 · Keccel SMS 0.1.0 · linux x64": what support asks first. */
function contextLine(at: Date, extensionVersion: string): string {
  const when = at.toLocaleString(displayLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  return `${when} · VS Code ${vscode.version} · Keccel SMS ${extensionVersion} · ${process.platform} ${process.arch}`;
}

export function reportView(answer: DiagnosisAnswer, at: Date, extensionVersion: string): DiagnoseView {
  const failed = answer.steps.some((step) => !step.ok);
  return {
    locale: displayLocale(),
    title: vscode.l10n.t('Connection to {0}', answer.baseUrl),
    verdict: verdict(answer),
    tone: failed ? 'error' : answer.steps.some((step) => step.warning) ? 'warning' : 'ok',
    context: contextLine(at, extensionVersion),
    rows: answer.steps.map((step) => ({
      id: step.id,
      label: stepLabel(step.id),
      tone: tone(step),
      time: `${step.ms} ms`,
      detail: step.detail,
      ...(step.advice ? { advice: step.advice } : {}),
    })),
    labels: {
      copy: vscode.l10n.t('Copy Report'),
      copied: vscode.l10n.t('Copied'),
      rerun: vscode.l10n.t('Run Again'),
      tryNext: vscode.l10n.t('Try next:'),
    },
  };
}

/** The report as plain text (Copy): one line per step, its advice under it. */
export function plainReport(view: DiagnoseView): string {
  const marks: Record<DiagnoseTone, string> = { ok: '[ok]', warning: '[!!]', error: '[FAIL]' };
  const lines = [view.title, view.context, view.verdict, ''];
  for (const row of view.rows) {
    lines.push(`${marks[row.tone]} ${row.label} (${row.time}): ${row.detail}`);
    if (row.advice) lines.push(`     ${view.labels.tryNext} ${row.advice}`);
  }
  return lines.join('\n') + '\n';
}
