/**
 * Builds the renderer once before the end-to-end tests, as `npm start` does, except that Vitest's
 * NODE_ENV=test gives React's development build: its warnings (invalid nesting, missing keys) reach
 * the console, and the harness counts them as page errors. `npm start` and `npm run bench` build
 * for production.
 */
import { join } from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../support/paths';

export default async function setup(): Promise<void> {
  if (process.env['E2E_SKIP_BUILD']) return;
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', root: join(repoRoot, 'renderer') });
}
