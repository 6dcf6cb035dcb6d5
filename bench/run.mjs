// `npm run bench`: runs the benchmarks through tsx (they are TypeScript). Extra arguments are passed on:
// `npm run bench -- --size 100MB --runs 1`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/stats.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
if (result.error) {
  console.error(`bench: could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
