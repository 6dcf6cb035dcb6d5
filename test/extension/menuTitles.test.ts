/** Explorer context-menu titles sit beside VS Code's own ("Compare with…", "Select for Compare"): each names what it acts on. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

interface Manifest {
  contributes: { commands: Array<{ command: string; title: string }>; menus: Record<string, Array<{ command: string }>> };
}

test('every Facetwise entry of the Explorer context menu names a dataset or a schema', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
  const titles = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
  const builtIn = ['Compare with…', 'Compare with Selected', 'Select for Compare'];
  for (const entry of manifest.contributes.menus['explorer/context'] ?? []) {
    const title = titles.get(entry.command) ?? '';
    assert.match(title, /Dataset|Schema/, entry.command);
    assert.ok(!builtIn.includes(title), `${entry.command}: '${title}' reads like VS Code's own entry`);
  }
  assert.equal(titles.get('facetwise.compareWith'), 'Compare Dataset with…');
});
