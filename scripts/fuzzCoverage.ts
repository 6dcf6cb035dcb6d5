// `npm run fuzz:coverage [-- --count N] [--target name]`: runs `npm run fuzz` for each parser under c8 (one process
// per parser, its worker threads included) and prints the statement coverage of that parser's own source files
// (FuzzTarget.sources) that the run loaded (type-only files never load), the figure test/fuzz/README.md reports.
// Default 10,000 inputs per parser.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FUZZ_TARGETS } from '../test/fuzz/targets.js';

interface Totals {
  readonly statements: { readonly total: number; readonly covered: number };
}

const repo = resolve(__dirname, '..');
const bin = (name: string): string => join(repo, 'node_modules/.bin', name);

function main(): void {
  const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, target: { type: 'string', multiple: true } } });
  const count = values.count ?? '10000';
  let failed = false;
  for (const target of FUZZ_TARGETS.filter((t) => !values.target || values.target.includes(t.name))) {
    const out = mkdtempSync(join(tmpdir(), `facetwise-fuzz-coverage-${target.name}-`));
    const include = target.sources.flatMap((s) => ['--include', s.endsWith('/') ? `${s}**` : s]);
    const run = spawnSync(
      bin('c8'),
      ['--temp-directory', join(out, 'raw'), '--report-dir', out, '--reporter=json-summary', '--exclude-after-remap=false', ...include, bin('tsx'), 'scripts/fuzz.ts', '--count', count, '--seed', values.seed ?? '1', '--target', target.name],
      { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.status !== 0) failed = true;
    const summary = JSON.parse(readFileSync(join(out, 'coverage-summary.json'), 'utf8')) as Record<string, Totals>;
    const files = Object.entries(summary).filter(([file]) => file !== 'total');
    const rows = files.map(([file, t]) => `${file.slice(repo.length + 1)} ${t.statements.covered}/${t.statements.total}`);
    const total = summary.total.statements;
    console.log(`coverage ${target.name}: ${((100 * total.covered) / Math.max(1, total.total)).toFixed(1)} % of ${total.total} statements (${rows.join(', ')})`);
    rmSync(out, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main();
