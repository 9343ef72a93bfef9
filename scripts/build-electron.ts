/**
 * Bundles the main process, the preload and the command line with esbuild.
 * - The preload runs sandboxed: it must be one CommonJS file that requires only `electron`.
 * - The main process and the CLI are CommonJS bundles too, so lowdb (ESM only) and the other
 *   pure-JS libraries are inside the bundle and the installed app ships only what runs. Electron
 *   itself and the native rasteriser (@resvg/resvg-js) stay outside.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { isZodLocalesIndex, zodLocalesStub } from './build/zod-english-only';

const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onResolve({ filter: /locales\/index\.js$/ }, (args) => (isZodLocalesIndex(args.path, args.importer) ? { path: zodLocalesStub } : undefined));
  },
};

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'external',
  external: ['electron', '@resvg/resvg-js'],
  // A CommonJS bundle has no import.meta; modules that find files beside themselves get the bundle's path.
  define: { 'import.meta.url': '__filename' },
  plugins: [zodEnglishOnly],
};

export const bundles = {
  main: { ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs', platform: 'node', target: 'node22' },
  // The preload runs on every page load: minified, it parses in a few milliseconds.
  preload: { ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', platform: 'browser', target: 'chrome140', minify: true },
  cli: { ...common, entryPoints: ['electron/cli/index.ts'], outfile: 'dist/cli/trustbridge.cjs', platform: 'node', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
} satisfies Record<string, BuildOptions>;

if (process.argv[1]?.endsWith('build-electron.ts')) {
  await Promise.all(Object.values(bundles).map((options) => build(options)));
}
