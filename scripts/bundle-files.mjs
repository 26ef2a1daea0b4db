// Which files of the browser build (dist/browser) a page downloads when it imports an entry: the
// entry and every chunk its static imports load. `import("…")` loads later and is not followed.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

export const BROWSER_DIR = 'dist/browser';

/** `file` and every file its static imports load, as paths relative to `dir`. */
export function closure(file, dir = BROWSER_DIR, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(`${dir}/${file}`, 'utf8');
  for (const m of code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g))
    closure(normalize(join(dirname(file), m[1])), dir, seen);
  return seen;
}

/** The files (relative to `dir`) that importing all of `entries` downloads. */
export function downloads(entries, dir = BROWSER_DIR) {
  const seen = new Set();
  for (const e of entries) closure(e, dir, seen);
  return seen;
}
