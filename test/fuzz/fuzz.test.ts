// A short fuzz run per parser (2,000 inputs each) and the replay of every input a fuzz run ever found: no uncaught
// exception that is not one of ours with a position, no input over 1 s, no heap past 512 MiB. Inputs run on a worker
// thread that is terminated when it stops answering. `npm run fuzz` runs 100,000 per parser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzTarget, replayInputs } from './fuzzRunner.js';
import { FUZZ_TARGETS } from './targets.js';

const regressions = join(__dirname, 'regressions');

// Two parsers at a time: each runs on its own worker thread, so the two cores are both used.
describe('fuzz: 2,000 inputs per parser', { concurrency: 2 }, () => {
  for (const target of FUZZ_TARGETS) {
    test(target.name, async () => {
      const count = 2000;
      const report = await fuzzTarget(target, { count, seed: 7, hangMs: 1000 });
      assert.deepEqual(report.findings.map((f) => `${f.kind}: ${f.message}`), []);
      assert.ok(report.inputs >= count, `${report.inputs} inputs`);
      // Some inputs must get through, or the harness is not reaching the parser (the TFRecord readers report bad
      // records as issues and carry on, so they reject nothing outright).
      assert.ok(report.accepted > 0, `${report.accepted} accepted, ${report.rejected} rejected`);
    });
  }
});

describe('fuzz regressions', () => {
  for (const target of FUZZ_TARGETS) {
    const dir = join(regressions, target.name);
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir).sort();
    // One worker per parser for all its saved inputs (starting a worker costs ~2 s).
    test(`${target.name}: ${names.join(', ')}`, async () => {
      const inputs: Uint8Array[] = names.map((name) => readFileSync(join(dir, name)));
      const findings = await replayInputs(target, inputs);
      assert.deepEqual(findings.map((f) => `${names[inputs.indexOf(f.input)]}: ${f.kind}: ${f.message}`), []);
    });
  }
});
