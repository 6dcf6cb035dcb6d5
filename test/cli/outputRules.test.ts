/** One rule for every command's output and mistakes: JSON on stdout unless --format text; a typo gets a suggestion. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { commands } from '../../src/cli/commands/index.js';
import { runCli } from './cliHarness.js';

const taxi = join(__dirname, '..', '..', '..', 'shared', 'data', 'taxi');

test('every command with --format defaults to JSON and says so', async () => {
  for (const entry of commands) {
    const usage = (await entry.load()).usage;
    const line = usage.split('\n').find((l) => /^\s+--format </.test(l));
    // `rows` prints data rows, not a report: CSV by default (as the README says).
    if (!line || entry.name === 'rows') continue;
    assert.match(line, /--format <json\|text>/, entry.name);
    assert.match(line, /JSON[^,;]*\(default/, entry.name);
  }
});

test('compare prints JSON by default, like every other command', async () => {
  const run = await runCli(['compare', join(taxi, 'train.csv'), join(taxi, 'serving.csv'), '--workers', '0']);
  assert.equal(run.code, 0, run.stderr);
  const results = JSON.parse(run.stdout) as Array<{ pathKey: string }>;
  assert.ok(results.some((r) => r.pathKey === 'tips'));
});

test('a mistyped option says which and what was meant, with the usage line only', async () => {
  const run = await runCli(['stats', join(taxi, 'serving.csv'), '--fromat', 'text']);
  assert.equal(run.code, 2);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines[0], 'facetwise stats: unknown option --fromat (did you mean --format?)');
  assert.match(lines[1] ?? '', /^Usage: facetwise stats /);
  assert.ok(lines.length <= 3, run.stderr);
  assert.doesNotMatch(run.stderr, /'--fromat'|Options:/);
  const missing = await runCli(['validate', join(taxi, 'serving.csv'), '--schema']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^facetwise validate: --schema needs a value\n/);
});
