/**
 * The `facetwise.schemas` setting's globs (`**`, `*`, `?`, `{a,b}`, `[abc]`), matched against a dataset's path
 * relative to its workspace folder with `/` separators. Hand-written because the rules are few and the
 * extension host bundles no glob library. Pure: no `vscode` import.
 */

/** A RegExp matching exactly the paths `glob` matches. `*` and `?` never cross a `/`; `**` spans folders. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` anything at all.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
      } else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else {
      out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/** Whether `relativePath` (with `/` or `\` separators) matches `glob`. A glob without `/` matches the file name anywhere. */
export function globMatches(glob: string, relativePath: string): boolean {
  const path = relativePath.replaceAll('\\', '/').replace(/^\.\//, '');
  const pattern = glob.replace(/^\.\//, '');
  if (!pattern.includes('/')) return globToRegExp(`**/${pattern}`).test(path);
  return globToRegExp(pattern).test(path);
}

/** The schema path of the first entry (in the setting's own order) whose glob matches, or undefined. */
export function schemaForPath(settings: Readonly<Record<string, string>>, relativePath: string): { readonly glob: string; readonly schema: string } | undefined {
  for (const [glob, schema] of Object.entries(settings)) {
    if (globMatches(glob, relativePath)) return { glob, schema };
  }
  return undefined;
}
