import { createHash } from 'node:crypto';
import { opendir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';

/** A whisper file of a carbon tree, with the series name carbon stored it for (or why there is none). */
export type TreeFile =
  | { readonly path: string; readonly rel: string; readonly size: number; readonly name: string }
  | { readonly path: string; readonly rel: string; readonly size: number; readonly skip: string };

const TAGGED_DIR = '_tagged';
const HASHED_NAME = /^[0-9a-f]{64}$/;

/**
 * The `.wsp` files under `root` (symbolic links followed, each directory once), in sorted
 * order, with the names carbon gave them: `a/b/c.wsp` is `a.b.c`; a tagged series is
 * `_tagged/<sha256[0:3]>/<sha256[3:6]>/<name with . as _DOT_>.wsp`. A tagged file stored under
 * its hash alone (carbon's `TAG_HASH_FILENAMES`) does not say its name, and one whose folders
 * are not its name's hash is not where graphite-web looks for it: both come with the reason.
 */
export async function* carbonTreeFiles(root: string): AsyncIterable<TreeFile> {
  const seen = new Set<string>();
  async function* walk(dir: string): AsyncIterable<TreeFile> {
    const st = await stat(dir);
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    const names: string[] = [];
    for await (const entry of await opendir(dir)) names.push(entry.name);
    names.sort();
    for (const name of names) {
      const path = join(dir, name);
      let kind;
      try {
        kind = await stat(path);
      } catch {
        continue; // a dangling link
      }
      if (kind.isDirectory()) yield* walk(path);
      else if (kind.isFile() && name.endsWith('.wsp')) yield fileOf(path, relative(root, path), kind.size);
    }
  }
  yield* walk(root);
}

function fileOf(path: string, rel: string, size: number): TreeFile {
  const parts = rel.slice(0, -'.wsp'.length).split(sep);
  if (parts[0] !== TAGGED_DIR || parts.length !== 4) return { path, rel, size, name: parts.join('.') };
  const stored = parts[3];
  if (HASHED_NAME.test(stored)) return { path, rel, size, skip: 'a tagged series stored under its hash (carbon\'s TAG_HASH_FILENAMES): the file does not say its name' };
  const name = stored.replaceAll('_DOT_', '.');
  if (!name.includes(';')) return { path, rel, size, name: parts.join('.') };
  const hash = createHash('sha256').update(name).digest('hex');
  if (parts[1] !== hash.slice(0, 3) || parts[2] !== hash.slice(3, 6)) {
    return { path, rel, size, skip: `not in the folders of its name's hash (${hash.slice(0, 3)}/${hash.slice(3, 6)}): graphite-web does not read it` };
  }
  return { path, rel, size, name };
}

/**
 * A Graphite glob over series names (`servers.*.cpu.{user,system}`, `apps.**`): `*`, `?`,
 * `[...]` and `{a,b}` within one path element, `**` across elements. A tagged series matches
 * by its name (`disk.used` for `disk.used;dc=eu`) or its whole `name;tag=value;...`.
 */
export function namePattern(glob: string): (name: string) => boolean {
  const pattern = glob.split('.').join('/');
  const matches = (text: string) => minimatch(text.split('.').join('/'), pattern, { dot: true });
  return (name) => {
    const semi = name.indexOf(';');
    return matches(name) || (semi >= 0 && matches(name.slice(0, semi)));
  };
}
