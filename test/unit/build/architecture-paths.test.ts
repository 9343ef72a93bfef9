/**
 * docs/architecture.md names files and folders in backquotes, mostly relative to the folder the
 * sentence is about (`services/exchange.ts` in electron/, `assessment/` in shared/). A path that no
 * longer exists under any of those folders is a stale map: this test names it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const roots = ['', 'shared', 'electron', 'electron/app', 'electron/export', 'renderer', 'renderer/features', 'test', 'docs'];

/** What the store keeps in a user's data folder, named in the document but not in the repository. */
const dataFolderNames = new Set(['index.json', 'quarantine/']);

/** The names of every file of the source folders, for a name the document gives without its folder (or a file at the root). */
function fileNames(): Set<string> {
  const names = new Set<string>();
  for (const folder of ['shared', 'electron', 'renderer', 'scripts', 'test']) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) if (entry.isFile()) names.add(basename(entry.name));
  }
  return names;
}

/** The backquoted words of the document that are paths of this repository (not patterns, not data folder names). */
function namedPaths(text: string): string[] {
  const paths = new Set<string>();
  for (const [, quoted] of text.matchAll(/`([^`\n]+)`/g)) {
    const path = quoted!.trim();
    if (!/^[\w./-]+$/.test(path)) continue;
    if (!path.includes('/') && !/\.(ts|tsx|json|md|js)$/.test(path)) continue;
    paths.add(path);
  }
  return [...paths];
}

describe('docs/architecture.md', () => {
  it('names only paths that exist in the repository', () => {
    const text = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    const paths = namedPaths(text);
    expect(paths.length).toBeGreaterThan(20);
    const names = fileNames();
    const exists = (path: string) => (path.includes('/') ? roots.some((folder) => existsSync(join(root, folder, path))) : names.has(path) || existsSync(join(root, path)));
    const missing = paths.filter((path) => !dataFolderNames.has(path) && !exists(path));
    expect(missing).toEqual([]);
  });
});
