import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicyMeta } from './shared/security/csp';

/** Puts the content security policy into index.html, from the one place it is defined. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'trustbridge-csp',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta }, injectTo: 'head-prepend' },
    ],
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
    // Inline assets would be fine under our CSP (img-src data:), but separate files keep the
    // bundle size figure honest.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
