import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// From the module's own path (a string), not `new URL(…)`: under jsdom, `URL` is jsdom's, which
// node's fileURLToPath refuses.
const here = dirname(fileURLToPath(import.meta.url));

/** The repository root, wherever the tests run from. */
export const repoRoot = resolve(here, '../..');
export const templatesDir = join(repoRoot, 'templates');
export const rendererDist = join(repoRoot, 'dist/renderer');
