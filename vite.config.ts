import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicyFor } from './shared/security/csp.ts';

/**
 * Writes the content security policy into index.html with the SHA-384 of the script bundle, and
 * the same hash into the script tag's `integrity` attribute (see shared/security/csp.ts).
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'trustbridge-csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const sources: string[] = [];
        let page = html;
        for (const chunk of Object.values(context.bundle ?? {})) {
          if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
          const integrity = `sha384-${createHash('sha384').update(chunk.code).digest('base64')}`;
          sources.push(`'${integrity}'`);
          page = page.replace(`src="./${chunk.fileName}"`, `src="./${chunk.fileName}" integrity="${integrity}"`);
        }
        // The development server has no bundle to hash; it serves from its own origin.
        const policy = contentSecurityPolicyFor(sources.length ? sources : ["'self'"]);
        return page.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: false,
    // One script bundle, allowed by its hash; no preload links to allow separately.
    modulePreload: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
