import { fileURLToPath } from 'node:url';

/** The repository root, wherever the tests run from. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));
export const rendererDist = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
