/**
 * The renderer's content security policy: no inline script, no remote origin, no network at all
 * (`connect-src 'none'`). The main process sends it as a header with every page of app://; the
 * page also carries it as a <meta> tag, so the same policy holds wherever the build is served
 * (the end-to-end tests serve it over http on 127.0.0.1).
 */
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

export const contentSecurityPolicy = [...directives, "frame-ancestors 'none'"].join('; ');
/** `frame-ancestors` is ignored (with a warning) in a <meta> policy, so the tag leaves it out. */
export const contentSecurityPolicyMeta = directives.join('; ');
