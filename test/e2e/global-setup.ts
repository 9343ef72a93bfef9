/** Builds the renderer once before the end-to-end tests, exactly as `npm start` does. */
import { build } from 'vite';
import { repoRoot } from '../support/paths';

export default async function setup(): Promise<void> {
  if (process.env['E2E_SKIP_BUILD']) return;
  await build({ configFile: `${repoRoot}vite.config.ts`, logLevel: 'warn', root: `${repoRoot}renderer` });
}
