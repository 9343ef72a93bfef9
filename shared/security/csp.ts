/**
 * The renderer's content security policy: no inline script, no remote origin, no network at all
 * (`connect-src 'none'`). Scripts are allowed by hash, not by origin: the build writes the SHA-384
 * of the one script bundle into the policy and into the script tag's `integrity`, so only the
 * exact code that was built can run, even if a file were dropped into the app's folder.
 *
 * The policy travels in index.html as a <meta> tag (so it holds wherever the build is served: the
 * end-to-end tests serve it over http on 127.0.0.1), and the main process sends the same policy as
 * a header with every page of app://, adding `frame-ancestors`, which a <meta> policy cannot carry.
 */

export function contentSecurityPolicyFor(scriptSources: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptSources.join(' ')}`,
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
  ].join('; ');
}

/** The header form of the policy written into a built index.html. */
export function headerPolicyFromPage(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/i.exec(html);
  const metaPolicy = match?.[1]?.replace(/&#39;/g, "'") ?? contentSecurityPolicyFor(["'self'"]);
  return `${metaPolicy}; frame-ancestors 'none'`;
}
