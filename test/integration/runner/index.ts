// The mocha runner VS Code's extension host loads (developmentOptions.extensionTestsPath in code-server, or
// --extensionTestsPath on desktop). VS Code calls run(); a rejection makes the host exit non-zero.
// Tests are the bundles in ./suite next to this file. Results also go to $FACETWISE_INTEGRATION_REPORT (JSON)
// when set, because the harness reads counts from there rather than parsing console output.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface MochaReport {
  passed: number;
  failed: number;
  pending: number;
  failures: Array<{ title: string; error: string }>;
}

function findTestFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTestFiles(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env['FACETWISE_INTEGRATION_GREP'];
  if (grep) mocha.grep(grep);
  const files = findTestFiles(join(__dirname, 'suite'));
  if (files.length === 0) throw new Error(`no *.test.js files under ${join(__dirname, 'suite')}`);
  for (const file of files) mocha.addFile(file);

  const report: MochaReport = { passed: 0, failed: 0, pending: 0, failures: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => {
      report.passed += 1;
    });
    runner.on('pending', () => {
      report.pending += 1;
    });
    runner.on('fail', (test, error: unknown) => {
      report.failed += 1;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report.failures.push({ title: test.fullTitle(), error: message });
    });
  });
  const reportPath = process.env['FACETWISE_INTEGRATION_REPORT'];
  if (reportPath) writeFileSync(reportPath, JSON.stringify(report, null, 2));
  if (report.failed > 0) throw new Error(`${report.failed} integration test(s) failed`);
}
