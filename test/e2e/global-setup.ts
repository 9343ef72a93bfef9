/**
 * Builds the renderer once before the end-to-end tests, as `npm start` and a package do: React's
 * production build. (Vitest sets NODE_ENV=test, with which Vite would bundle React's development
 * build; the tests would then run something users never get.) `npm test` has just run the same
 * production build (`npm run build`) and sets E2E_SKIP_BUILD, so the renderer is not built twice.
 */
import { join } from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../support/paths';

export default async function setup(): Promise<void> {
  if (process.env['E2E_SKIP_BUILD']) return;
  const previous = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', root: join(repoRoot, 'renderer'), mode: 'production' });
  } finally {
    process.env['NODE_ENV'] = previous;
  }
}
