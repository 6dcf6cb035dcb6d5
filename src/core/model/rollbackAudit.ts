/**
 * The roll back audit log beside a TF Serving config: one JSON object per line (time, model, from, to, and the
 * verdict with the numbers it rested on), so the tree can show a version's history and a reviewer can see why a
 * version was served. Appends rewrite the (small) file atomically, so a crash never leaves half a line.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DataIssue } from '../data/issues.js';
import { writeFileAtomic } from '../proto/atomicWrite.js';

export interface AuditVerdict {
  /** KEEP / ROLL BACK / INCONCLUSIVE, or the engine's lower-case decision. */
  readonly decision: string;
  readonly reason: string;
  readonly decidedBy?: string;
  readonly metric?: string;
  readonly base?: number | null;
  readonly candidate?: number | null;
  readonly delta?: number | null;
  readonly ci?: readonly [number, number] | null;
  readonly dataset?: string;
}

export interface AuditEntry {
  /** ISO 8601. */
  readonly time: string;
  readonly model: string;
  readonly label: string;
  readonly from: number | null;
  readonly to: number;
  readonly verdict?: AuditVerdict;
  /** The config file written. */
  readonly config?: string;
}

/** `models.config` → `models.config.audit.jsonl`, beside it. */
export function auditLogPathFor(configPath: string): string {
  return path.join(path.dirname(configPath), `${path.basename(configPath)}.audit.jsonl`);
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export async function appendAuditLine(auditPath: string, entry: AuditEntry): Promise<void> {
  const existing = (await readText(auditPath)) ?? '';
  const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await writeFileAtomic(auditPath, `${existing}${sep}${JSON.stringify(entry)}\n`);
}

function isEntry(v: unknown): v is AuditEntry {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o['time'] === 'string' &&
    typeof o['model'] === 'string' &&
    typeof o['label'] === 'string' &&
    (o['from'] === null || typeof o['from'] === 'number') &&
    typeof o['to'] === 'number'
  );
}

/** Every well-formed line, oldest first; a malformed line is an issue with its line number, not a failure. */
export async function readAuditLog(auditPath: string): Promise<{ entries: AuditEntry[]; issues: DataIssue[] }> {
  const text = await readText(auditPath);
  const entries: AuditEntry[] = [];
  const issues: DataIssue[] = [];
  if (text === undefined) return { entries, issues };
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    if (isEntry(parsed)) entries.push(parsed);
    else issues.push({ code: 'AUDIT_LINE_INVALID', severity: 'warning', message: 'not a roll back record (time, model, label, from, to)', position: { file: auditPath, line: i + 1 } });
  });
  return { entries, issues };
}
