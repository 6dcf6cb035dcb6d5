import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands } from '../../src/cli/commands/index.js';
import { runCli } from './cliHarness.js';

test('every registered command loads, and its name and summary match the registry', async () => {
  for (const entry of commands) {
    const command = await entry.load();
    assert.equal(command.name, entry.name);
    assert.equal(command.summary, entry.summary);
    assert.match(command.usage, new RegExp(`facetwise ${entry.name}`));
  }
});

test('every command answers --help with its usage and exit code 0', async () => {
  for (const entry of commands) {
    const run = await runCli([...entry.name.split(' '), '--help']);
    assert.equal(run.code, 0, entry.name);
    assert.match(run.stdout, new RegExp(`Usage: facetwise ${entry.name}`), entry.name);
  }
});
