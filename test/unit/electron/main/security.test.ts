import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOwnOrigin } from '../../../../electron/main/security';
import { contentSecurityPolicyFor, headerPolicyFromPage } from '../../../../shared/security/csp';
import { repoRoot } from '../../../support/paths';

describe('security rules of the main process', () => {
  it('treats only app://trustbridge as our own origin', () => {
    expect(isOwnOrigin('app://trustbridge/index.html')).toBe(true);
    expect(isOwnOrigin('app://trustbridge.evil/index.html')).toBe(false);
    expect(isOwnOrigin('file:///etc/passwd')).toBe(false);
    expect(isOwnOrigin('https://trustbridge/')).toBe(false);
    expect(isOwnOrigin('not a url')).toBe(false);
  });

  it('allows no inline script, no remote origin and no network in the content security policy', () => {
    const policy = contentSecurityPolicyFor(["'sha384-abc'"]);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'sha384-abc'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('sends as a header the policy the build wrote into the page, plus frame-ancestors', () => {
    const html = readFileSync(join(repoRoot, 'renderer/index.html'), 'utf8');
    // The source page has no policy yet: the fallback allows only our own origin.
    expect(headerPolicyFromPage(html)).toBe(`${contentSecurityPolicyFor(["'self'"])}; frame-ancestors 'none'`);
    const built = `<head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha384-x&#39;">`;
    expect(headerPolicyFromPage(built)).toBe("default-src 'none'; script-src 'sha384-x'; frame-ancestors 'none'");
  });
});
