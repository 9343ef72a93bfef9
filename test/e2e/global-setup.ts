/** Builds the renderer once before the end-to-end tests, exactly as `npm start` does. */
import { join } from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../support/paths';

export default async function setup(): Promise<void> {
  if (process.env['E2E_SKIP_BUILD']) return;
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', root: join(repoRoot, 'renderer') });
}
