// The folder VS Code opens during tests: a fresh temp dir, so tests never touch the repo or shared data.
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface SampleWorkspace {
  folder: string;
  dispose(): void;
}

/** Copies the given files into a new temp folder (made writable: shared data is read-only). */
export function createSampleWorkspace(files: ReadonlyArray<{ from: string; as?: string }>): SampleWorkspace {
  const folder = mkdtempSync(join(tmpdir(), 'facetwise-workspace-'));
  for (const file of files) {
    const target = join(folder, file.as ?? basename(file.from));
    copyFileSync(file.from, target);
    chmodSync(target, 0o644);
  }
  return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}
