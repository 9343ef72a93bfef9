// Stand-in for zod's locales index in TrustBridge's bundles: English only (see zod-english-only.ts).
export { default as en } from 'zod/v4/locales/en.js';
