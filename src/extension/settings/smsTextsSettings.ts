// The settings of the SMS texts in code (`keccel.smsTexts.*`), names and defaults in one place, as config.ts does
// for the rest. package.json declares the same keys, defaults and bounds for the Settings UI.
import * as vscode from 'vscode';
import { DEFAULT_TEXT_SETTINGS, type TextSettings } from '../../core/texts/analysis';

export const SMS_TEXTS_SECTION = 'keccel.smsTexts';

export interface SmsTextsConfig extends TextSettings {
  enabled: boolean;
  /** Globs relative to a workspace folder (rule 3). */
  files: string[];
  inlayHints: boolean;
}

function clamp(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export function readSmsTextsConfig(scope?: vscode.ConfigurationScope): SmsTextsConfig {
  const c = vscode.workspace.getConfiguration(SMS_TEXTS_SECTION, scope);
  const files = c.get<unknown>('files');
  return {
    enabled: c.get<boolean>('enabled') ?? true,
    files: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
    maxSegments: clamp(c.get('maxSegments'), DEFAULT_TEXT_SETTINGS.maxSegments, 1, 20),
    placeholderLength: clamp(c.get('placeholderLength'), DEFAULT_TEXT_SETTINGS.placeholderLength, 0, 160),
    inlayHints: c.get<boolean>('inlayHints') ?? true,
  };
}

export function affectsSmsTexts(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SMS_TEXTS_SECTION);
}
