/**
 * The import-cycle check (scripts/check-cycles.ts), on real files in a temp folder: it must find a
 * cycle of any length, including one made only of `import type`, and stay quiet on a tree without.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cycles, importGraph } from '../../../scripts/check-cycles';
import { tempFolder } from '../../support/temp';

const made: Array<{ remove(): Promise<void> }> = [];
afterEach(async () => {
  for (const folder of made.splice(0)) await folder.remove();
});

async function tree(files: Record<string, string>): Promise<{ root: string; paths: string[] }> {
  const folder = await tempFolder('trustbridge-cycles-');
  made.push(folder);
  const paths: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder.path, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
    paths.push(path);
  }
  return { root: folder.path, paths };
}

describe('the import-cycle check', () => {
  it('finds a three-file cycle through a folder index and a type-only import', async () => {
    const { root, paths } = await tree({
      'a.ts': "import { b } from './lib';\nexport const a = b;\n",
      'lib/index.ts': "export { b } from './b';\n",
      'lib/b.ts': "import type { C } from '../c';\nexport const b = 1 as unknown as C;\n",
      'c.ts': "import { a } from './a';\nexport type C = typeof a;\n",
      'leaf.ts': "import { a } from './a';\nimport { readFile } from 'node:fs';\nexport const leaf = [a, readFile];\n",
    });
    const found = cycles(importGraph(paths));
    expect(found).toEqual([[join(root, 'a.ts'), join(root, 'c.ts'), join(root, 'lib/b.ts'), join(root, 'lib/index.ts')]]);
  });

  it('finds nothing in a tree that only imports downward', async () => {
    const { paths } = await tree({
      'top.ts': "import { low } from './low';\nimport { mid } from './mid';\nexport const top = [low, mid];\n",
      'mid.ts': "import { low } from './low';\nexport const mid = low;\n",
      'low.ts': 'export const low = 1;\n',
    });
    expect(cycles(importGraph(paths))).toEqual([]);
  });
});
