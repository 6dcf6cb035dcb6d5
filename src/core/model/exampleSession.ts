/**
 * A datapoint-editor session as JSON lines: one example (a JSON object of feature values) per line, in the order
 * the edits were made. `facetwise predict <model> --examples session.jsonl` replays it, so what the panel showed
 * can be reproduced headless. Blank lines are skipped; anything else that is not an object of scalar values is an
 * error naming the line.
 */
import { FacetwiseError } from '../data/issues.js';
import type { ExampleRecord, RecordValue } from './featureTransform.js';

export function formatExampleSession(examples: readonly ExampleRecord[]): string {
  return examples.map((e) => JSON.stringify(scalarOnly(e))).join('\n') + (examples.length > 0 ? '\n' : '');
}

function scalarOnly(e: ExampleRecord): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(e)) {
    // A missing value is written as null, so the replay sees the same "missing" the panel predicted on.
    out[k] = v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
  }
  return out;
}

function isScalar(v: unknown): v is RecordValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export function parseExampleSession(text: string, file: string): ExampleRecord[] {
  const examples: ExampleRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new FacetwiseError('SESSION_INVALID', `not JSON: ${(err as Error).message}`, { file, line: i + 1 });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new FacetwiseError('SESSION_INVALID', 'each line must be a JSON object of feature values', { file, line: i + 1 });
    }
    for (const [k, v] of Object.entries(value)) {
      if (!isScalar(v)) throw new FacetwiseError('SESSION_INVALID', `feature '${k}' must be a string, number, boolean or null`, { file, line: i + 1 });
    }
    examples.push(value as ExampleRecord);
  }
  return examples;
}
