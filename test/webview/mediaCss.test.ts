// The webviews' style sheets are well formed: a merge once left two rules unclosed in overview.css, and the
// browser silently dropped the rules after them (the schema line's Change… link drew as a native button and
// the Compare button lost its place). Checks that every block closes and that no rule opens inside another
// rule's declarations (only at-rules such as @media nest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const mediaDir = resolve(__dirname, '../../media');

/** The first nesting error in `css` as "line N: …", or undefined when every block is closed in order. */
function cssNestingError(css: string): string | undefined {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  // Each open block: whether it is an at-rule (which may hold rules) and where it opened.
  const open: { atRule: boolean; line: number }[] = [];
  let line = 1;
  let selectorStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '{') {
      const prelude = text.slice(selectorStart, i).trim();
      const parent = open.at(-1);
      if (parent && !parent.atRule) return `line ${line}: "${prelude.split('\n').at(-1)?.trim() ?? ''} {" opens inside the rule opened on line ${parent.line}`;
      open.push({ atRule: prelude.startsWith('@'), line });
      selectorStart = i + 1;
    } else if (c === '}') {
      if (!open.pop()) return `line ${line}: "}" closes nothing`;
      selectorStart = i + 1;
    } else if (c === ';') selectorStart = i + 1;
  }
  const unclosed = open.at(-1);
  return unclosed ? `line ${unclosed.line}: the block opened here is never closed` : undefined;
}

test('the nesting check finds an unclosed rule and a rule inside a rule', () => {
  assert.equal(cssNestingError('a {\n  color: red;\n}\n@media (x) {\n  b { color: blue; }\n}\n'), undefined);
  assert.match(cssNestingError('a {\n  color: red;\n/* c */\nb {\n  color: blue;\n}\n') ?? '', /^line 4: "b \{" opens inside the rule opened on line 1/);
  assert.match(cssNestingError('a { color: red; }\n}\n') ?? '', /^line 2: "}" closes nothing/);
  assert.match(cssNestingError('@media (x) {\n a { color: red; }\n') ?? '', /^line 1: the block opened here is never closed/);
});

for (const name of readdirSync(mediaDir).filter((n) => n.endsWith('.css')).sort()) {
  test(`media/${name}: every rule is closed before the next opens`, () => {
    assert.equal(cssNestingError(readFileSync(join(mediaDir, name), 'utf8')), undefined);
  });
}
