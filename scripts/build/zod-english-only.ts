/**
 * zod's main entry re-exports all of its 40-odd message translations as `z.locales`, which no
 * bundler can drop (about 260 KB). TrustBridge never shows zod's own messages to users (its schemas
 * carry translation keys), so the esbuild bundles (main, preload, CLI) get a `locales` module that
 * holds English only. (Rolldown, which builds the renderer, already leaves the unused ones out.)
 */
import { fileURLToPath } from 'node:url';

export const zodLocalesStub = fileURLToPath(new URL('./zod-locales-en.js', import.meta.url));

/** True for zod's `../locales/index.js` import from its classic API. */
export function isZodLocalesIndex(specifier: string, importer: string | undefined): boolean {
  return specifier === '../locales/index.js' && /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(importer ?? '');
}
