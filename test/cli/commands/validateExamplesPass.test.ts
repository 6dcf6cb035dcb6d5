/** validate --examples reads rows only when an anomaly can be traced to rows, and then only for those features. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import type { CliIo } from '../../../src/cli/cliIo.js';
import { createValidateCommand } from '../../../src/cli/commands/validate.js';
import { rowsOf } from '../../../src/cli/engine.js';
import { loadStatistics } from '../../../src/cli/loadStatistics.js';
import type { RowBatch } from '../../../src/core/data/rowBatch.js';

const dir = mkdtempSync(join(tmpdir(), 'facetwise-examples-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, 'data.csv');
writeFileSync(csv, 'color,size\nred,1\nblue,2\nred,3\n');

function io(): { io: CliIo; out: () => string } {
  let out = '';
  const sink = new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) });
  return { io: { stdout: sink, stderr: new Writable({ write: (_c, _e, cb) => cb() }), cwd: dir, signal: new AbortController().signal }, out: () => out };
}

function command() {
  const reads: string[][] = [];
  const cmd = createValidateCommand({
    loadStatistics,
    readRows: async (input, options, cliIo) => {
      const rows = await rowsOf([input], { ...options, signal: cliIo.signal });
      reads.push([input]);
      return (async function* (): AsyncGenerator<RowBatch> {
        for await (const b of rows) yield b;
      })();
    },
  });
  return { cmd, reads };
}

test('no anomaly: no row pass', async () => {
  writeFileSync(join(dir, 'ok.pbtxt'), 'string_domain { name: "color" value: "red" value: "blue" }\nfeature { name: "color" type: BYTES domain: "color" }\nfeature { name: "size" type: INT }\n');
  const { cmd, reads } = command();
  const f = io();
  assert.equal(await cmd.run([csv, '--schema', 'ok.pbtxt', '--examples', '2', '--format', 'text', '--workers', '0'], f.io), 0);
  assert.equal(reads.length, 0, 'the rows were not read');
  assert.match(f.out(), /No anomalies found/);
});

test('an anomaly rows can show: the rows are read and listed', async () => {
  writeFileSync(join(dir, 'bad.pbtxt'), 'string_domain { name: "color" value: "red" }\nfeature { name: "color" type: BYTES domain: "color" }\nfeature { name: "size" type: INT }\n');
  const { cmd, reads } = command();
  const f = io();
  assert.equal(await cmd.run([csv, '--schema', 'bad.pbtxt', '--examples', '2', '--format', 'text', '--workers', '0'], f.io), 3);
  assert.equal(reads.length, 1);
  assert.match(f.out(), /color: Unexpected string values — 1 row\n.*data\.csv:3 {2}"blue"/);
});
