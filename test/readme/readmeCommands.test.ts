/**
 * README.md's CLI block works as written: every command in its shell blocks runs, in order, in a temporary copy
 * of the repository (its top-level entries linked, so what a command writes lands in the copy) beside a copy of
 * ../shared/data, and exits with the code the README says. Runs the built CLI (`npm run build` first; npm test does).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { readmeCommands } from './readmeBlocks.js';

const repo = resolve(__dirname, '..', '..');
const sharedData = resolve(repo, '..', 'shared', 'data');

describe('README.md commands', () => {
  it('extracts commands: continuations joined, comments dropped, `# exit N` read, skip markers honoured', () => {
    const md = [
      '<!-- readme-test: skip (installs) -->',
      '```sh',
      'npm install',
      '```',
      '```sh',
      '# a comment',
      "node dist/cli.js a --label 'x # y' \\",
      '    --b   # exit 3: why',
      'node dist/cli.js c',
      '```',
    ].join('\n');
    assert.deepEqual(readmeCommands(md), [
      { command: "node dist/cli.js a --label 'x # y' --b", expectedExit: 3, line: 7 },
      { command: 'node dist/cli.js c', expectedExit: 0, line: 9 },
    ]);
  });

  it('every command of the README runs and exits as the README says', { timeout: 600_000 }, () => {
    assert.ok(existsSync(join(repo, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
    const commands = readmeCommands(readFileSync(join(repo, 'README.md'), 'utf8'));
    assert.ok(commands.some((c) => c.command.includes('schema edit')), 'the README shows the schema edit step');
    const root = mkdtempSync(join(tmpdir(), 'facetwise-readme-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    const copy = join(root, 'repo');
    mkdirSync(copy);
    for (const name of readdirSync(repo)) {
      if (name === '.git') continue;
      symlinkSync(join(repo, name), join(copy, name));
    }
    cpSync(sharedData, join(root, 'shared', 'data'), { recursive: true });
    for (const c of commands) {
      const run = spawnSync('bash', ['-c', c.command], { cwd: copy, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
      const tail = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
      assert.equal(run.status, c.expectedExit, `README.md:${c.line}: \`${c.command}\` exited ${run.status ?? run.signal}, the README says ${c.expectedExit}\n${tail}`);
    }
  });
});
