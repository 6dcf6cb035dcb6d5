/**
 * What a comparison panel's saved webview state asks to compare again after a reload. The state comes from the
 * webview, so it is untrusted: two or more absolute paths that still exist, a reference among them. No `vscode`.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';

/** The request a saved state describes, or undefined when it names nothing usable. */
export function comparePanelRequest(state: unknown, exists: (path: string) => boolean = existsSync): { paths: string[]; spans: boolean; reference: number } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<string, unknown>;
  if (!Array.isArray(s.inputs) || s.inputs.length < 2 || s.inputs.length > 1000) return undefined;
  const paths = s.inputs.filter((p): p is string => typeof p === 'string' && isAbsolute(p));
  if (paths.length !== s.inputs.length || !paths.every((p) => exists(p))) return undefined;
  const spans = s.spans === true;
  const reference = Number.isSafeInteger(s.reference) && (s.reference as number) >= 0 && (s.reference as number) < paths.length ? (s.reference as number) : 0;
  return { paths, spans, reference };
}

