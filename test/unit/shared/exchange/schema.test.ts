/** The exchange format's schema: items by type, strict objects, and the checks that tie parts together. */
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { fingerprintForDisplay, keyFingerprint, thumbprintInput, verificationCode } from '../../../../shared/exchange/fingerprint';
import {
  ed25519PublicJwkSchema,
  exchangeItemSchema,
  exchangePayloadSchema,
  exchangeIdSchema,
  protectedHeaderSchema,
} from '../../../../shared/exchange/schema';
import { countItems, describeCounts, describeItem, missingFrameworks } from '../../../../shared/exchange/summary';
import { fieldIssues } from '../../../../shared/ipc/zod-issues';
import { examplePayload, partnerProfile, sampleAssessment, sampleFramework } from '../../../support/exchange-factories';
import { sampleProfile } from '../../../support/factories';

const jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } as const;

describe('exchange payload schema', () => {
  it('accepts each item type and tells them apart by `type`', () => {
    const framework = sampleFramework();
    const payload = exchangePayloadSchema.parse({
      issuedAt: '2026-11-23T10:00:00+01:00',
      issuer: { exchangeId: 'tb-00000000-0000-4000-8000-000000000001', profile: sampleProfile() },
      items: [
        { type: 'framework', framework },
        { type: 'assessment', assessment: sampleAssessment({}, { framework }) },
        { type: 'institution', institutionId: 'inst-partner', profile: partnerProfile() },
        {
          type: 'partnership',
          partnership: {
            schemaVersion: 1,
            id: 'p-1',
            title: 'Data literacy',
            institutionA: 'a',
            institutionB: 'b',
            assessments: {},
            actions: [],
            createdAt: '2026-11-01T10:00:00Z',
            updatedAt: '2026-11-01T10:00:00Z',
          },
          parties: { A: { institutionId: 'a', profile: sampleProfile() }, B: { institutionId: 'b', profile: partnerProfile() } },
        },
      ],
    });
    expect(payload.items.map((item) => item.type)).toEqual(['framework', 'assessment', 'institution', 'partnership']);
    expect(payload.items.map((item) => describeItem(item).label)).toEqual([
      'Framework "Example guide" example-guide version 1.0 (en)',
      'Self-assessment "Self-assessment 2026" of Universidad de Ejemplo (revision 1, complete)',
      'Institution profile of Hochschule Musterstadt (Musterstadt, DE)',
      'Partnership "Data literacy" between Universidad de Ejemplo and Hochschule Musterstadt',
    ]);
    expect(describeCounts(countItems(payload.items))).toBe('1 framework, 1 assessment, 1 institution, 1 partnership');
    expect(describeCounts({})).toBe("nothing but the issuer's profile");
  });

  it('refuses unknown keys, unknown item types and mismatched partnership parties, naming the field', () => {
    const base = examplePayload();
    const extra = exchangePayloadSchema.safeParse({ ...base, signedBy: 'me' });
    expect(!extra.success && fieldIssues(extra.error)[0]).toMatchObject({ path: '' , message: expect.stringContaining('signedBy') as unknown });
    const agreement = exchangeItemSchema.safeParse({ type: 'agreement', agreement: {} });
    expect(agreement.success).toBe(false);
    const nested = exchangePayloadSchema.safeParse({ ...base, items: [{ type: 'institution', institutionId: 'inst-1', profile: { ...sampleProfile(), motto: 'x' } }] });
    expect(!nested.success && fieldIssues(nested.error).map((issue) => issue.path)).toEqual(['items.0.profile']);
    const mismatched = exchangeItemSchema.safeParse({
      type: 'partnership',
      partnership: { schemaVersion: 1, id: 'p', title: 'T', institutionA: 'a', institutionB: 'b', assessments: {}, actions: [], createdAt: 'x', updatedAt: 'x' },
      parties: { A: { institutionId: 'a', profile: sampleProfile() }, B: { institutionId: 'c', profile: partnerProfile() } },
    });
    expect(!mismatched.success && fieldIssues(mismatched.error).map((issue) => issue.path)).toEqual(['parties.B.institutionId']);
  });

  it('names the framework snapshots an assessment needs but the payload lacks', () => {
    const framework = sampleFramework();
    const other = sampleFramework(2, { version: '2.0' });
    const items = [
      { type: 'framework' as const, framework },
      { type: 'assessment' as const, assessment: sampleAssessment({}, { framework }) },
      { type: 'assessment' as const, assessment: sampleAssessment({ id: 'x' }, { framework: other }) },
    ];
    expect(missingFrameworks({ items }).map((ref) => ref.version)).toEqual(['2.0']);
  });

  it('accepts exchange ids of the documented shape only', () => {
    expect(exchangeIdSchema.safeParse('tb-3b0c5f2e-8d7a-4b7e-9f3a-2c1d0e9f8a7b').success).toBe(true);
    for (const id of ['__proto__', 'tb', '-tb-123456789', 'tb 123456789', 'x'.repeat(129)]) expect(exchangeIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('keys and headers', () => {
  it('accepts only canonical 32-byte Ed25519 public keys', () => {
    expect(ed25519PublicJwkSchema.safeParse(jwk).success).toBe(true);
    // The same 32 bytes spelt with a non-zero padding bit: another spelling, another fingerprint — refused.
    expect(ed25519PublicJwkSchema.safeParse({ ...jwk, x: jwk.x.slice(0, -1) + 'p' }).success).toBe(false);
    expect(ed25519PublicJwkSchema.safeParse({ ...jwk, d: 'secret' }).success).toBe(false);
    expect(ed25519PublicJwkSchema.safeParse({ ...jwk, crv: 'X25519' }).success).toBe(false);
  });

  it('fingerprints a key as hex SHA-256 of its RFC 7638 thumbprint, shown in groups', async () => {
    expect(thumbprintInput(jwk)).toBe(`{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`);
    const fingerprint = keyFingerprint(jwk);
    // RFC 8037 appendix A.3 gives this key's thumbprint: kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k
    expect(Buffer.from(fingerprint, 'hex').toString('base64url')).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    expect(Buffer.from(fingerprint, 'hex').toString('base64url')).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
    expect(fingerprintForDisplay(fingerprint)).toBe('90fa cafe a9b1 5566 9854 0f70 c011 7a22');
    expect(verificationCode(fingerprint)).toBe('90fa cafe a9b1');
  });

  it('lets unknown header parameters through (RFC 7515 asks readers to ignore them) but checks the known ones', () => {
    const header = {
      alg: 'EdDSA',
      kid: keyFingerprint(jwk),
      jwk,
      'tb.iss': 'tb-00000000-0000-4000-8000-000000000001',
      'tb.signer': { name: 'Dra. Elena Martín', role: 'Rectora', institution: 'Universidad de Ejemplo' },
      iat: 1795428000,
    };
    expect(protectedHeaderSchema.safeParse({ ...header, 'tb.future': { x: 1 } }).success).toBe(true);
    expect(protectedHeaderSchema.safeParse({ ...header, alg: 'none' }).success).toBe(false);
    expect(protectedHeaderSchema.safeParse({ ...header, alg: 'HS256' }).success).toBe(false);
    expect(protectedHeaderSchema.safeParse({ ...header, 'tb.signer': { name: '', role: '', institution: 'U' } }).success).toBe(false);
  });
});
