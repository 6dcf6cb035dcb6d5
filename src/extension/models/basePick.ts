/**
 * Which version is the base when three or more are compared at once: a quick pick over the selection, the
 * default first (the version the model's TF Serving config serves, else the lowest), so Enter keeps it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VersionRef } from '../../protocol/models/compareJobProtocol.js';
import { canonicalVersions } from './comparisonCache.js';
import { sameRef, versionLabel } from './comparisonRunner.js';
import { servingConfigPath } from './modelSettings.js';
import type { ServingState } from './servingState.js';
import { readServingState } from './servingState.js';

/** The served version among `refs` (a labelled one first), else the lowest; `served` is per model root. */
export function defaultBase(refs: readonly VersionRef[], served: ReadonlyMap<string, ServingState>): { ref: VersionRef; why: string } {
  const sorted = canonicalVersions(refs);
  const isServed = (r: VersionRef): boolean => r.version !== null && (served.get(r.root)?.served.includes(r.version) ?? false);
  const labelled = sorted.find((r) => isServed(r) && (served.get(r.root)?.labels.has(r.version!) ?? false));
  const hit = labelled ?? sorted.find(isServed);
  if (hit) return { ref: hit, why: 'served now' };
  const lowest = [...sorted].sort((a, b) => (a.version ?? -1) - (b.version ?? -1))[0]!;
  return { ref: lowest, why: 'the lowest version' };
}

interface BaseItem extends vscode.QuickPickItem {
  readonly ref: VersionRef;
}

/** Asks which of `refs` is the base; undefined when the user dismisses the pick. */
export async function pickBase(refs: readonly VersionRef[]): Promise<VersionRef | undefined> {
  const served = new Map<string, ServingState>();
  for (const root of new Set(refs.map((r) => r.root))) {
    const versions = refs.filter((r) => r.root === root && r.version !== null).map((r) => r.version!);
    served.set(root, await readServingState(servingConfigPath(root), path.basename(root), versions));
  }
  const { ref: base, why } = defaultBase(refs, served);
  const items: BaseItem[] = canonicalVersions(refs)
    .sort((a, b) => Number(sameRef(b, base)) - Number(sameRef(a, base)))
    .map((ref) => ({ label: versionLabel(ref), ...(sameRef(ref, base) ? { description: `default: ${why}` } : {}), ref }));
  const choice = await vscode.window.showQuickPick(items, {
    title: `Compare ${refs.length} versions: which one is the base?`,
    placeHolder: 'Every other version is compared with the base (a roll back would serve the base)',
    // The Models tree refreshes on file events (a serving config written, a version added): that must not dismiss
    // the question half-way through a compare.
    ignoreFocusOut: true,
  });
  return choice?.ref;
}
