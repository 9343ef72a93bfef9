/**
 * Every file is hostile until proven otherwise. These tests throw at the reader what a careless
 * program, a broken transfer or an attacker would: changed bytes, other keys, broken JSON, huge and
 * deeply nested files, prototype keys, signed nonsense, and random files by the thousand. Each one
 * must be refused with a code and a sentence a QA officer can act on; none may throw or hang.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/crypto/canonical-json';
import type { ErrorCode } from '../../../../shared/errors';
import { exchangeLimits } from '../../../../shared/exchange/schema';
import { inspectExchangeFile, verifyExchangeFile } from '../../../../electron/exchange/read';
import { firstInvalidUtf8 } from '../../../../electron/platform/json';
import { createExchangeFile } from '../../../../electron/exchange/write';
import { forgeSignature, makeParty, partnerProfile, sampleAssessment, sampleFramework, serialiseExchange, type Party } from '../../../support/exchange-factories';
import { sampleProfile } from '../../../support/factories';
import { expectClearMessage, expectRefusal, text, utf8 } from './refusals';

let a: Party;
let b: Party;
/** A small signed file: the issuer's profile and one short self-assessment. */
let small: Uint8Array;
let smallPayload: Record<string, unknown>;

beforeAll(async () => {
  a = await makeParty(sampleProfile(), 'Dra. Elena Martín');
  b = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
  const framework = sampleFramework(1);
  const assessment = sampleAssessment(
    { answers: { 'QA-01': { level: 3, notApplicable: false, naReason: '', justification: 'Policy adopted.', evidence: [], requestedEvidence: '', carriedOver: false } }, history: [] },
    { framework, subject: { institutionId: 'inst-a', legalName: 'Universidad de Ejemplo', country: 'ES' } },
  );
  small = await createExchangeFile({ issuer: a.issuer, items: [{ type: 'assessment', assessment }] }, a.keyRing, a.signer);
  smallPayload = JSON.parse(text(small)).payload as Record<string, unknown>;
});

afterAll(async () => {
  await a.remove();
  await b.remove();
});

/** The codes a refused file may carry: each says what kind of problem it is. */
const refusalCodes: readonly ErrorCode[] = ['INVALID_FILE', 'FILE_TOO_LARGE', 'SIGNATURE_INVALID', 'KEY_CHANGED', 'NEWER_VERSION'];

describe('changed bytes', () => {
  it('refuses every single-byte change to the payload, except changes that leave the JSON the same', async () => {
    // The signature covers the canonical form of the payload (RFC 8785), not the bytes of the file,
    // so replacing one whitespace character between tokens by another (a space by a tab, a line
    // feed by a carriage return) changes nothing that is signed: such a file is the same file and
    // verifies. Every other change — inside a text, a key, a number, a literal or the structure —
    // either breaks the JSON or changes the content, and must be refused. The oracle below says
    // which is which by parsing the changed file independently (JSON.parse) and comparing the
    // canonical payloads; the test then also checks that everything the oracle lets through is in
    // fact a whitespace-for-whitespace swap.
    const file = Buffer.from(small);
    const start = file.indexOf('"payload": ') + '"payload": '.length;
    const end = file.indexOf(',\n  "signatures"');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const originalCanonical = canonicalJson(smallPayload);
    const whitespace = [0x20, 0x09, 0x0a, 0x0d];

    let refused = 0;
    let accepted = 0;
    for (let offset = start; offset < end; offset += 1) {
      const original = small[offset]!;
      const replacements = new Set([original ^ 0x01, original ^ 0x20, original ^ 0x80]);
      if (whitespace.includes(original)) for (const other of whitespace) replacements.add(other);
      replacements.delete(original);
      for (const replacement of replacements) {
        const changed = small.slice();
        changed[offset] = replacement;
        const result = await verifyExchangeFile(changed);
        const same = sameContent(changed, originalCanonical);
        expect(result.ok, `byte ${offset} ${original} → ${replacement}: ${result.ok ? 'accepted' : result.error.message}`).toBe(same);
        if (result.ok) {
          accepted += 1;
          expect(whitespace).toContain(original);
          expect(whitespace).toContain(replacement);
        } else {
          refused += 1;
          expect(['INVALID_FILE', 'SIGNATURE_INVALID']).toContain(result.error.code);
        }
      }
    }
    expect(refused).toBeGreaterThan(2 * (end - start));
    expect(accepted).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a file whose signature was made by another key for the issuer’s content', async () => {
    // Given A's payload, re-signed by B's key in B's name
    const resigned = await forgeSignature(smallPayload, { exchangeId: b.keyRing.exchangeId(), signer: b.signer });
    // Then no signature is by the issuer
    expectRefusal(await verifyExchangeFile(serialiseExchange(smallPayload, [resigned.signature])), 'SIGNATURE_INVALID', /None of the signatures is by the institution that issued the file/);
  });

  it('refuses a signature moved from another file, or a header paired with another key’s signature', async () => {
    const other = await createExchangeFile({ issuer: a.issuer, items: [] }, a.keyRing, a.signer);
    const otherSignature = (JSON.parse(text(other)) as { signatures: Array<{ protected: string; signature: string }> }).signatures[0]!;
    expectRefusal(await verifyExchangeFile(serialiseExchange(smallPayload, [otherSignature])), 'SIGNATURE_INVALID', /does not match the file's content/);

    const mine = (JSON.parse(text(small)) as { signatures: Array<{ protected: string; signature: string }> }).signatures[0]!;
    const forged = await forgeSignature(smallPayload, { exchangeId: a.keyRing.exchangeId(), signer: a.signer });
    expectRefusal(
      await verifyExchangeFile(serialiseExchange(smallPayload, [{ protected: mine.protected, signature: forged.signature.signature }])),
      'SIGNATURE_INVALID',
    );
  });

  it('refuses a header whose key is not the one its fingerprint names', async () => {
    const forged = await forgeSignature(smallPayload, {
      exchangeId: a.keyRing.exchangeId(),
      signer: a.signer,
      extraHeader: { kid: a.keyRing.fingerprint() },
    });
    expectRefusal(await verifyExchangeFile(serialiseExchange(smallPayload, [forged.signature])), 'SIGNATURE_INVALID', /fingerprint in its header does not belong to its key/);
  });

  it('refuses critical extensions it does not know, and a changed payload encoding', async () => {
    const crit = await forgeSignature(smallPayload, { exchangeId: a.keyRing.exchangeId(), signer: a.signer, extraHeader: { crit: ['tb.future'], 'tb.future': 1 } }).catch(
      (error: unknown) => error,
    );
    // jose itself refuses to sign with a `crit` it was not told about; a hostile writer would not care.
    expect(crit).toBeInstanceOf(Error);
    const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', crit: ['tb.future'], 'tb.future': 1 })).toString('base64url');
    expectRefusal(await verifyExchangeFile(serialiseExchange(smallPayload, [{ protected: header, signature: 'A'.repeat(86) }])), 'NEWER_VERSION', /Update TrustBridge/);
    const b64 = Buffer.from(JSON.stringify({ alg: 'EdDSA', b64: false })).toString('base64url');
    expectRefusal(await verifyExchangeFile(serialiseExchange(smallPayload, [{ protected: b64, signature: 'A'.repeat(86) }])), 'SIGNATURE_INVALID', /b64/);
  });
});

describe('keys', () => {
  it('an unknown key is a first use: valid, reported as new-issuer, never as confirmed', async () => {
    const result = await verifyExchangeFile(small, { partnerKeys: b.partnerKeys });
    expect(result.ok && result.verified.signatures[0]?.trust).toEqual({ status: 'new-issuer' });
  });

  it('a different key for a known issuer, without a rotation statement, is flagged as changed', async () => {
    // Given B knows A's key
    const first = await verifyExchangeFile(small, { partnerKeys: b.partnerKeys });
    if (!first.ok) throw new Error(first.error.message);
    await b.partnerKeys.remember(first.verified.signatures.map((s) => s.sighting));

    // When a file in A's name arrives signed with another key
    const forged = await forgeSignature(smallPayload, { exchangeId: a.keyRing.exchangeId(), signer: a.signer });
    const result = await verifyExchangeFile(serialiseExchange(smallPayload, [forged.signature]), { partnerKeys: b.partnerKeys });

    // Then it is refused as a changed key, naming both fingerprints and what to do
    const error = expectRefusal(result, 'KEY_CHANGED', /Do not import it until you have called your contact/);
    expect(error.params).toMatchObject({ exchangeId: a.keyRing.exchangeId(), knownFingerprints: a.keyRing.fingerprint() });
    expect(b.partnerKeys.assess({ exchangeId: a.keyRing.exchangeId() }, forged.jwk).verdict).toBe('changed');
    await expect(b.partnerKeys.remember({ exchangeId: a.keyRing.exchangeId(), institutionName: 'Universidad de Ejemplo', jwk: forged.jwk })).rejects.toMatchObject({
      code: 'KEY_CHANGED',
    });
  });

  it('a new key with a valid rotation statement from the known key is accepted as rotated', async () => {
    // Given B knows (and confirmed) A's key, and A then replaces its key
    const party = await makeParty(sampleProfile(), 'Dra. Elena Martín');
    const reader = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
    try {
      const before = await createExchangeFile({ issuer: party.issuer, items: [] }, party.keyRing, party.signer);
      const seen = await verifyExchangeFile(before, { partnerKeys: reader.partnerKeys });
      if (!seen.ok) throw new Error(seen.error.message);
      await reader.partnerKeys.remember(seen.verified.signatures.map((s) => s.sighting));
      const oldFingerprint = party.keyRing.fingerprint();
      await reader.partnerKeys.confirm(party.keyRing.exchangeId(), oldFingerprint);
      await party.keyRing.replaceKey(party.protector);

      // When A's next file arrives, signed with the new key
      const after = await createExchangeFile({ issuer: party.issuer, items: [] }, party.keyRing, party.signer);
      const result = await verifyExchangeFile(after, { partnerKeys: reader.partnerKeys });

      // Then the new key is accepted as handed over by the confirmed old one
      expect(result.ok && result.verified.signatures[0]?.trust).toEqual({
        status: 'rotated',
        fromFingerprint: oldFingerprint,
        institutionName: 'Universidad de Ejemplo',
        confirmedBefore: true,
      });
      if (!result.ok) return;
      await reader.partnerKeys.remember(result.verified.signatures.map((s) => s.sighting));
      const keys = reader.partnerKeys.issuer(party.keyRing.exchangeId())?.keys.map((key) => [key.fingerprint, key.status]);
      expect(keys).toEqual([
        [oldFingerprint, 'retired'],
        [party.keyRing.fingerprint(), 'confirmed'],
      ]);
      const again = await verifyExchangeFile(after, { partnerKeys: reader.partnerKeys });
      expect(again.ok && again.verified.signatures[0]?.trust.status).toBe('known');
    } finally {
      await party.remove();
      await reader.remove();
    }
  });

  it('refuses a rotation statement that does not verify', async () => {
    const forged = await forgeSignature(smallPayload, { exchangeId: a.keyRing.exchangeId(), signer: a.signer, rotations: ['eyJhbGciOiJFZERTQSJ9.e30.AAAA'] });
    expectRefusal(await verifyExchangeFile(serialiseExchange(smallPayload, [forged.signature])), 'SIGNATURE_INVALID', /key-rotation statement that is not valid/);
  });
});

describe('broken and oversized files', () => {
  it('reports malformed JSON with its line and column', async () => {
    const cut = small.slice(0, 200);
    const error = expectRefusal(await verifyExchangeFile(cut), 'INVALID_FILE', /^The file is not valid JSON: .* at line \d+, column \d+\./);
    expect(error.params).toMatchObject({ reason: 'syntax' });
    const stray = utf8('{\n  "format": "trustbridge-exchange",\n  "formatVersion": 1 x\n}');
    expectRefusal(await verifyExchangeFile(stray), 'INVALID_FILE', /expected ',' or '}' but found 'x' at line 3, column 22\./);
  });

  it('refuses text that is not UTF-8, naming where', async () => {
    const latin1 = utf8(text(small));
    latin1[40] = 0xe9; // "é" in Latin-1: not valid UTF-8 on its own
    expect(firstInvalidUtf8(latin1)).toBe(40);
    expectRefusal(await verifyExchangeFile(latin1), 'INVALID_FILE', /not UTF-8 text .* line 3, column/);
  });

  it('refuses a file one byte over the size limit before parsing it, and reads one exactly at the limit', async () => {
    // Given the small file padded with trailing spaces (insignificant JSON whitespace) to the limit
    const limit = exchangeLimits.maxBytes;
    const atLimit = new Uint8Array(limit).fill(0x20);
    atLimit.set(small);
    const overLimit = new Uint8Array(limit + 1).fill(0x20);
    // Over the limit the file is garbage from the first byte: a size check that came after parsing
    // would report broken JSON instead of the size.
    overLimit.set(utf8('not json at all'));

    // Then the one at the limit verifies, the one over it is refused for its size
    expect((await verifyExchangeFile(atLimit)).ok).toBe(true);
    expectRefusal(await verifyExchangeFile(overLimit), 'FILE_TOO_LARGE', /up to 20,971,520 bytes/);
    expectRefusal(inspectExchangeFile(overLimit), 'FILE_TOO_LARGE');
  });

  it('survives 100,000 levels of nesting without a stack overflow', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expectRefusal(await verifyExchangeFile(utf8(deep)), 'INVALID_FILE', /nested more than 64 levels deep/);
    const inside = `{"format":"trustbridge-exchange","formatVersion":1,"payload":{"issuedAt":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}},"signatures":[]}`;
    expectRefusal(await verifyExchangeFile(utf8(inside)), 'INVALID_FILE', /nested more than 64 levels deep/);
    expectRefusal(inspectExchangeFile(utf8(inside)), 'INVALID_FILE');
  });

  it.each([
    ['__proto__', '"__proto__": {"polluted": true}'],
    ['constructor', '"constructor": {"prototype": {"polluted": true}}'],
    ['prototype', '"prototype": 1'],
    ['__proto__ spelt with an escape', '"\\u005f_proto__": {}'],
  ])('refuses the key %s anywhere in the file', async (_name, member) => {
    const withKey = utf8(text(small).replace('"issuedAt":', `${member},\n    "issuedAt":`));
    expectRefusal(await verifyExchangeFile(withKey), 'INVALID_FILE', /the key "(__proto__|constructor|prototype)" is not allowed/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses duplicate keys, which two readers could resolve differently', async () => {
    const duplicated = utf8(text(small).replace('"issuedAt":', '"issuedAt": "2020-01-01T00:00:00Z",\n    "issuedAt":'));
    expectRefusal(await verifyExchangeFile(duplicated), 'INVALID_FILE', /appears twice/);
  });

  it('refuses a validly signed payload that does not follow the schema, naming the field', async () => {
    // Given a payload with a level of 7, signed with the issuer's real key
    const payload = structuredClone(smallPayload) as { items: Array<{ assessment: { answers: Record<string, { level: number }> } }> };
    payload.items[0]!.assessment.answers['QA-01']!.level = 7;
    const signature = await a.keyRing.sign(payload, a.signer);

    // Then the signature is fine but the content is refused, with the field named
    const error = expectRefusal(await verifyExchangeFile(serialiseExchange(payload, [signature])), 'INVALID_FILE', /The signatures are valid, but the content does not follow/);
    expect(error.issues?.map((issue) => issue.path)).toContain('payload.items.0.assessment.answers.QA-01.level');
  });

  it('refuses files of a newer format version with advice to update', async () => {
    const newer = utf8(text(small).replace('"formatVersion": 1', '"formatVersion": 2'));
    expectRefusal(await verifyExchangeFile(newer), 'NEWER_VERSION', /Update TrustBridge/);
  });

  it('refuses JSON that is not an exchange file', async () => {
    expectRefusal(await verifyExchangeFile(utf8('{"format":"trustbridge-framework"}')), 'INVALID_FILE', /not a TrustBridge exchange file/);
    expectRefusal(await verifyExchangeFile(utf8('[1, 2, 3]')), 'INVALID_FILE', /not a TrustBridge exchange file/);
    expectRefusal(await verifyExchangeFile(new Uint8Array()), 'INVALID_FILE', /empty/);
  });
});

describe('random files', () => {
  const settings = { numRuns: 300, interruptAfterTimeLimit: 20_000 };

  async function expectRefusedCleanly(bytes: Uint8Array): Promise<void> {
    const result = await verifyExchangeFile(bytes, { partnerKeys: b.partnerKeys });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(refusalCodes).toContain(result.error.code);
    expectClearMessage(result.error.message);
    inspectExchangeFile(bytes); // must not throw either
  }

  it('refuses random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), expectRefusedCleanly), settings);
  });

  it('refuses random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        await expectRefusedCleanly(utf8(JSON.stringify(value) ?? 'null'));
      }),
      settings,
    );
  });

  it('refuses random content in the shape of an exchange file', async () => {
    const signature = fc.record({ protected: fc.base64String({ maxLength: 400 }).map((s) => s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')), signature: fc.string({ maxLength: 90 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          format: fc.constant('trustbridge-exchange'),
          formatVersion: fc.constantFrom(1, 0, 1.5, '1'),
          payload: fc.oneof(fc.constant(smallPayload), fc.jsonValue({ maxDepth: 4 })),
          signatures: fc.array(signature, { maxLength: 3 }),
        }),
        async (file) => expectRefusedCleanly(utf8(JSON.stringify(file))),
      ),
      settings,
    );
  });

  it('refuses mutated valid files unless the mutation left the signed content the same', async () => {
    // Random edits (replace, insert, delete, duplicate) at random places of the whole file. An edit
    // that lands in insignificant whitespace leaves the same file, which may verify; anything else
    // must be refused cleanly.
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
    );
    const original = canonicalJson(smallPayload);
    const originalSignatures = JSON.stringify((JSON.parse(text(small)) as { signatures: unknown }).signatures);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        let bytes: Uint8Array = small.slice();
        for (const change of edits) bytes = applyEdit(bytes, change);
        const result = await verifyExchangeFile(bytes, { partnerKeys: b.partnerKeys });
        if (result.ok) {
          const parsed = JSON.parse(text(bytes)) as { payload: unknown; signatures: unknown };
          expect(canonicalJson(parsed.payload)).toBe(original);
          expect(JSON.stringify(parsed.signatures)).toBe(originalSignatures);
        } else {
          expect(refusalCodes).toContain(result.error.code);
          expectClearMessage(result.error.message);
        }
      }),
      settings,
    );
  }, 60_000);
});

type Edit =
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete' | 'duplicate'; at: number; length: number };

function applyEdit(bytes: Uint8Array, edit: Edit): Uint8Array {
  const at = edit.at % (bytes.length + 1);
  const buffer = Buffer.from(bytes);
  switch (edit.kind) {
    case 'replace': {
      const copy = bytes.slice();
      if (at < copy.length) copy[at] = edit.byte;
      return copy;
    }
    case 'insert':
      return new Uint8Array(Buffer.concat([buffer.subarray(0, at), edit.bytes, buffer.subarray(at)]));
    case 'delete':
      return new Uint8Array(Buffer.concat([buffer.subarray(0, at), buffer.subarray(at + edit.length)]));
    case 'duplicate':
      return new Uint8Array(Buffer.concat([buffer.subarray(0, at + edit.length), buffer.subarray(at)]));
  }
}

/** The oracle: does the changed file, read by another JSON parser, hold the same signed content? */
function sameContent(bytes: Uint8Array, originalCanonical: string): boolean {
  if (firstInvalidUtf8(bytes) !== undefined) return false;
  try {
    const parsed = JSON.parse(text(bytes)) as { payload?: unknown };
    return canonicalJson(parsed.payload) === originalCanonical;
  } catch {
    return false;
  }
}
