/**
 * Serves the built renderer from `app://trustbridge/`, never from file:// (Electron's checklist:
 * file:// pages get privileges a custom protocol does not). Every response carries the content
 * security policy; paths that leave the renderer folder are refused.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { headerPolicyFromPage } from '../../shared/security/csp';
import { mediaTypeOf } from '../platform/media-types';
import { appHost, appScheme } from './security';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir + sep);
  // The policy the build wrote into the page (with the script bundle's hash), sent as a header too.
  const contentSecurityPolicy = headerPolicyFromPage(readFileSync(join(root, 'index.html'), 'utf8'));
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return new Response('Not found', { status: 404 });
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const path = normalize(join(root, relative));
    if (!path.startsWith(root)) return new Response('Forbidden', { status: 403 });
    try {
      const body = await readFile(path);
      return new Response(body, {
        headers: {
          'content-type': mediaTypeOf(path),
          'content-security-policy': contentSecurityPolicy,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
