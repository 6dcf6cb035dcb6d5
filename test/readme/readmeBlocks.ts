/**
 * The shell commands of README.md's code blocks, as the README test runs them: every ```sh block, except one
 * right after a `<!-- readme-test: skip (why) -->` line; `\` continuations joined, comment lines dropped, and the
 * expected exit code read from a trailing `# exit N` comment (0 without one).
 */
export interface ReadmeCommand {
  /** The command as a shell runs it (no trailing comment). */
  readonly command: string;
  readonly expectedExit: number;
  /** 1-based line of README.md where it starts. */
  readonly line: number;
}

const SKIP = /^<!--\s*readme-test:\s*skip\s*\((.+)\)\s*-->$/;

export function readmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const out: ReadmeCommand[] = [];
  let inBlock = false;
  let skipBlock = false;
  let previous = '';
  let pending: { text: string; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (!inBlock) {
      if (/^```(sh|bash|shell|console)\s*$/.test(trimmed)) {
        inBlock = true;
        skipBlock = SKIP.test(previous);
      }
      if (trimmed !== '') previous = trimmed;
      continue;
    }
    if (trimmed.startsWith('```')) {
      inBlock = false;
      previous = '';
      continue;
    }
    if (skipBlock) continue;
    if (pending === undefined && (trimmed === '' || trimmed.startsWith('#'))) continue;
    const text = pending ? `${pending.text} ${trimmed}` : trimmed;
    const line = pending?.line ?? i + 1;
    if (text.endsWith('\\')) {
      pending = { text: text.slice(0, -1).trimEnd(), line };
      continue;
    }
    pending = undefined;
    out.push(parseCommand(text, line));
  }
  return out;
}

function parseCommand(text: string, line: number): ReadmeCommand {
  // A trailing comment starts at a ` #` outside quotes.
  let quote: string | undefined;
  let commentAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      commentAt = i;
      break;
    }
  }
  const command = (commentAt >= 0 ? text.slice(0, commentAt) : text).trim();
  const comment = commentAt >= 0 ? text.slice(commentAt + 1).trim() : '';
  const exit = /^exit (\d+)\b/.exec(comment);
  return { command, expectedExit: exit ? Number(exit[1]) : 0, line };
}
