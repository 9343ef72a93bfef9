import { describe, expect, it } from 'vitest';
import { signingPlan } from '../../../scripts/signing';

describe('what `npm run dist` says about signing', () => {
  it('says a macOS build without a certificate is unsigned, and how to sign and notarise it', () => {
    expect(signingPlan('darwin', {}).join(' ')).toMatch(/UNSIGNED[\s\S]*CSC_LINK[\s\S]*APPLE_API_KEY/);
  });

  it('says signed but not notarised when only the certificate is there', () => {
    expect(signingPlan('darwin', { CSC_NAME: 'Developer ID Application: Universidad (ABCDE12345)' })).toEqual([expect.stringMatching(/signed but NOT notarised/)]);
  });

  it('says signed and notarised with a certificate and either set of Apple credentials, and not with a partial set', () => {
    const certificate = { CSC_LINK: '/secure/id.p12', CSC_KEY_PASSWORD: 'x' };
    expect(signingPlan('darwin', { ...certificate, APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' })).toEqual([expect.stringMatching(/notarised by Apple/)]);
    expect(signingPlan('darwin', { ...certificate, APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' })).toEqual([expect.stringMatching(/notarised by Apple/)]);
    expect(signingPlan('darwin', { ...certificate, APPLE_ID: 'a@b.c' })).toEqual([expect.stringMatching(/NOT notarised/)]);
  });

  it('says whether the Windows installer is signed', () => {
    expect(signingPlan('win32', {})[0]).toMatch(/UNSIGNED/);
    expect(signingPlan('win32', { WIN_CSC_LINK: 'c.pfx', WIN_CSC_KEY_PASSWORD: 'p' })[0]).toMatch(/is signed/);
  });
});
