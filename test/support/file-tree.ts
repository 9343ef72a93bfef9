/**
 * A folder's files as relative path → SHA-256, to prove that something changed nothing
 * ("the data folder is byte-for-byte as it was") or that a copy is exact.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export async function fileTree(root: string, options: { exclude?: (path: string) => boolean } = {}): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const absolute = join(folder, entry.name);
      const path = relative(root, absolute).split(sep).join('/');
      if (options.exclude?.(path)) continue;
      if (entry.isDirectory()) await walk(absolute);
      else if (entry.isFile()) tree[path] = createHash('sha256').update(await readFile(absolute)).digest('hex');
    }
  };
  await walk(root);
  return Object.fromEntries(Object.entries(tree).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every file's relative path under `root`, sorted. */
export async function filesUnder(root: string): Promise<string[]> {
  return Object.keys(await fileTree(root));
}
