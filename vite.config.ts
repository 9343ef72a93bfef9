import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import babel from '@rolldown/plugin-babel';
import react, { reactCompilerPreset } from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicyFor } from './shared/security/csp.ts';

/**
 * Writes the content security policy into index.html with the SHA-384 of the script bundle, and
 * the same hash into the script tag's `integrity` attribute (see shared/security/csp.ts).
 *
 * Scripts loaded on demand (a language, a rare screen) are allowed the same way, by hash and never
 * by origin: an import map lists every other built script with its SHA-384 under `integrity`, so
 * the browser fetches each with that integrity and the policy's hash list lets it run; the import
 * map itself is an inline script, allowed by its own hash. Nothing that was not built can run, and
 * nothing is fetched from anywhere but the app's own files.
 */
function contentSecurityPolicy(): Plugin {
  const sha384 = (code: string | Uint8Array) => `sha384-${createHash('sha384').update(code).digest('base64')}`;
  let outDir = '';
  return {
    name: 'trustbridge-csp',
    // The development server has no bundle to hash; it serves from its own origin.
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (context.bundle) return html;
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicyFor(["'self'"])}">`);
      },
    },
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // Hashed from the files as written: Vite still rewrites a chunk's dynamic imports after the
    // page is transformed, so only the written bytes are the ones the browser will check.
    async writeBundle(_options, bundle) {
      const pagePath = join(outDir, 'index.html');
      let page = await readFile(pagePath, 'utf8');
      const sources: string[] = [];
      const onDemand: Record<string, string> = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const integrity = sha384(await readFile(join(outDir, chunk.fileName)));
        sources.push(`'${integrity}'`);
        if (chunk.isEntry) page = page.replace(`src="./${chunk.fileName}"`, `src="./${chunk.fileName}" integrity="${integrity}"`);
        else onDemand[`./${chunk.fileName}`] = integrity;
      }
      if (Object.keys(onDemand).length) {
        const importMap = JSON.stringify({ integrity: onDemand });
        sources.push(`'${sha384(importMap)}'`);
        // Before any module script, as import maps must be.
        page = page.replace(/(\s*)<script type="module"/, `$1<script type="importmap">${importMap}</script>$1<script type="module"`);
      }
      page = page.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicyFor(sources)}">`);
      await writeFile(pagePath, page);
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    // The React Compiler (https://react.dev/learn/react-compiler) memoises each component's values
    // and elements, so a change draws again only the parts whose inputs changed. Lint
    // (react-hooks' recommended-latest rules in eslint.config.js) holds the code to the rules the
    // compiler relies on; a component it cannot compile is left as written. Measured on this
    // 2-core machine, one after the other: the e2e project took 418 CPU-s with it against 449
    // without, the team, layout and guide 2.0 files 168–196 against 208–224; the build takes
    // about 16 CPU-s and 12 s longer (14 s against 2 s).
    babel({ include: /\/renderer\/.*\.tsx?$/, presets: [reactCompilerPreset()] }),
    contentSecurityPolicy(),
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: false,
    // Every script allowed by its hash (the entry by its tag, the others through the import map);
    // no preload links to allow separately.
    modulePreload: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
