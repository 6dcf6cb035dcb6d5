// `npm run fuzz [-- --count N] [--seed S] [--target name]`: fuzzes every parser (default 100,000 inputs each) and
// saves each finding under test/fuzz/regressions/<target>/, where the unit tests replay it.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzTarget } from '../test/fuzz/fuzzRunner.js';
import { FUZZ_TARGETS } from '../test/fuzz/targets.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, target: { type: 'string', multiple: true } } });
  const count = Number(values.count ?? 100_000);
  const targets = FUZZ_TARGETS.filter((t) => !values.target || values.target.includes(t.name));
  let failed = false;
  for (const target of targets) {
    const started = performance.now();
    const report = await fuzzTarget(target, {
      count,
      seed: Number(values.seed ?? 1),
      onProgress: (done) => {
        if (done % 10_000 === 0) console.log(`  ${target.name}: ${done} inputs, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      },
    });
    const s = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${target.name}: ${report.inputs} inputs in ${s} s (${report.accepted} accepted, ${report.rejected} rejected with our error), slowest ${report.slowestMs.toFixed(0)} ms, ${report.findings.length} findings`);
    for (const finding of report.findings) {
      failed = true;
      const dir = join(__dirname, '../test/fuzz/regressions', target.name);
      mkdirSync(dir, { recursive: true });
      const name = `${finding.kind}-${createHash('sha1').update(finding.input).digest('hex').slice(0, 12)}.bin`;
      writeFileSync(join(dir, name), finding.input);
      console.log(`  ${finding.kind} → ${join(dir, name)}\n    ${finding.message.replace(/\n/g, '\n    ')}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
