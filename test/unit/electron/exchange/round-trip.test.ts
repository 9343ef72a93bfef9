/**
 * Two universities, each with its own data folder and key, exchange files the way workflows 3 and
 * 5 describe: A sends its self-assessment, B verifies it (first use), remembers A's key, confirms
 * its fingerprint on the phone; A sends a partnership that B countersigns and sends back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintForDisplay, verificationCode } from '../../../../shared/exchange/fingerprint';
import { diffAssessments } from '../../../../shared/exchange/diff';
import { revisionVerdict } from '../../../../shared/exchange/revision';
import type { Partnership } from '../../../../shared/partnership/schema';
import { verifyExchangeFile } from '../../../../electron/exchange/read';
import { countersign, createExchangeFile } from '../../../../electron/exchange/write';
import {
  answer,
  forgeSignature,
  makeParty,
  partnerProfile,
  sampleAssessment,
  sampleFramework,
  serialiseExchange,
  type Party,
} from '../../../support/exchange-factories';
import { sampleProfile } from '../../../support/factories';
import { expectRefusal, text, utf8 } from './refusals';

let a: Party;
let b: Party;

beforeEach(async () => {
  a = await makeParty(sampleProfile(), 'Dra. Elena Martín');
  b = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
});

afterEach(async () => {
  await a.remove();
  await b.remove();
});

const framework = sampleFramework();
const subjectA = { institutionId: 'inst-a', legalName: 'Universidad de Ejemplo', country: 'ES' };

function partnership(): Partnership {
  return {
    schemaVersion: 1,
    id: 'partnership-1',
    title: 'Joint micro-credentials in data literacy',
    institutionA: 'inst-a',
    institutionB: 'inst-b',
    assessments: { selfA: 'assessment-1' },
    decision: { outcome: 'conditional', rationale: 'Ready once the recognition policy is adopted.', decidedBy: 'Jordi Puig', decidedAt: '2026-11-20T10:00:00.000Z' },
    actions: [],
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  };
}

describe('a two-party exchange', () => {
  it('A signs its self-assessment; B verifies it, remembers A on first use, and confirms the fingerprint', async () => {
    // Given A's signed file with its self-assessment and the framework snapshot
    const assessment = sampleAssessment({}, { framework, subject: subjectA });
    const file = await createExchangeFile(
      { issuer: a.issuer, items: [{ type: 'framework', framework }, { type: 'assessment', assessment }] },
      a.keyRing,
      a.signer,
    );

    // When B verifies it for the first time
    const first = await verifyExchangeFile(file, { partnerKeys: b.partnerKeys, ownKeyRing: b.keyRing });

    // Then the content is A's, the signer is named, and A's key is new — not trusted as confirmed
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.verified.payload.items[1]).toEqual({ type: 'assessment', assessment });
    expect(first.verified.issuer).toEqual({ exchangeId: a.keyRing.exchangeId(), legalName: 'Universidad de Ejemplo', country: 'ES' });
    expect(first.verified.counts).toEqual({ framework: 1, assessment: 1 });
    expect(first.verified.missingFrameworks).toEqual([]);
    const [signature] = first.verified.signatures;
    expect(signature).toMatchObject({
      position: 1,
      byIssuer: true,
      signer: { name: 'Dra. Elena Martín', role: 'Rectora', institution: 'Universidad de Ejemplo' },
      fingerprint: a.keyRing.fingerprint(),
      displayFingerprint: fingerprintForDisplay(a.keyRing.fingerprint()),
      verificationCode: verificationCode(a.keyRing.fingerprint()),
      signedAt: '2026-11-23T10:00:00.000Z',
      trust: { status: 'new-issuer' },
    });

    // When B applies the import (remembers the key), and opens the app again
    await b.partnerKeys.remember(first.verified.signatures.map((s) => s.sighting));
    const reopened = await b.reopen();
    const second = await verifyExchangeFile(file, { partnerKeys: reopened.partnerKeys });

    // Then A's key is known, but unconfirmed until someone compares fingerprints
    expect(second.ok && second.verified.signatures[0]?.trust).toEqual({ status: 'known', keyStatus: 'unconfirmed', institutionName: 'Universidad de Ejemplo' });

    // When B's officer reads the fingerprint to A's officer on the phone and confirms it
    await reopened.partnerKeys.confirm(a.keyRing.exchangeId(), a.keyRing.fingerprint(), { by: 'Lukas Weber' });
    const third = await verifyExchangeFile(file, { partnerKeys: reopened.partnerKeys });
    expect(third.ok && third.verified.signatures[0]?.trust).toEqual({ status: 'known', keyStatus: 'confirmed', institutionName: 'Universidad de Ejemplo' });
    expect((await b.reopen()).partnerKeys.issuer(a.keyRing.exchangeId())?.events.map((event) => event.kind)).toEqual(['first-use', 'confirmed']);
  });

  it('A signs a partnership; B countersigns over the same payload; A verifies both signatures', async () => {
    // Given A's signed partnership, which B has verified
    const file = await createExchangeFile(
      {
        issuer: a.issuer,
        items: [
          {
            type: 'partnership',
            partnership: partnership(),
            parties: {
              A: { institutionId: 'inst-a', exchangeId: a.keyRing.exchangeId(), profile: a.profile },
              B: { institutionId: 'inst-b', exchangeId: b.keyRing.exchangeId(), profile: b.profile },
            },
          },
        ],
      },
      a.keyRing,
      a.signer,
    );
    const atB = await verifyExchangeFile(file, { partnerKeys: b.partnerKeys, ownKeyRing: b.keyRing });
    if (!atB.ok) throw new Error(atB.error.message);
    await b.partnerKeys.remember(atB.verified.signatures.map((s) => s.sighting));

    // When B countersigns and sends the file back
    const countersigned = await countersign(file, b.keyRing, b.signer, { partnerKeys: b.partnerKeys });

    // Then A sees its own signature and B's, over one unchanged payload
    const atA = await verifyExchangeFile(countersigned, { partnerKeys: a.partnerKeys, ownKeyRing: a.keyRing });
    expect(atA.ok).toBe(true);
    if (!atA.ok) return;
    expect(atA.verified.payloadFingerprint).toBe(atB.verified.payloadFingerprint);
    expect(atA.verified.signatures.map((s) => [s.signer.name, s.byIssuer, s.trust.status])).toEqual([
      ['Dra. Elena Martín', true, 'own'],
      ['Prof. Dr. Anna Schmidt', false, 'new-issuer'],
    ]);
    expect(JSON.parse(text(countersigned)).payload).toEqual(JSON.parse(text(file)).payload);

    // And A remembers B's key from the countersignature, named by the institution B signs for
    await a.partnerKeys.remember(atA.verified.signatures.filter((s) => s.trust.status !== 'own').map((s) => s.sighting));
    expect(a.partnerKeys.issuer(b.keyRing.exchangeId())?.institutionName).toBe('Hochschule Musterstadt');

    // And B cannot sign twice
    await expect(countersign(countersigned, b.keyRing, b.signer)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to countersign a file whose payload was changed after signing', async () => {
    const file = await createExchangeFile({ issuer: a.issuer, items: [] }, a.keyRing, a.signer);
    const tampered = utf8(text(file).replace('"Valencia"', '"Sevilla"'));
    await expect(countersign(tampered, b.keyRing, b.signer)).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: expect.stringMatching(/^The file cannot be countersigned\. Signature 1 .* does not match the file's content/) as unknown,
    });
  });

  it('a newer revision of a held assessment is shown as a diff; the old file replayed is refused as older', async () => {
    // Given B holds revision 1 of A's self-assessment, imported from A's first file
    const revision1 = sampleAssessment({}, { framework, subject: subjectA });
    const revision2 = sampleAssessment(
      {
        id: 'assessment-2',
        revision: 2,
        previousRevisionId: 'assessment-1',
        answers: { ...revision1.answers, 'QA-02': answer({ level: 3, justification: 'Now applied to every programme.' }) },
      },
      { framework, subject: subjectA },
    );
    const oldFile = await createExchangeFile({ issuer: a.issuer, items: [{ type: 'assessment', assessment: revision1 }] }, a.keyRing, a.signer);
    const newFile = await createExchangeFile({ issuer: a.issuer, items: [{ type: 'assessment', assessment: revision2 }] }, a.keyRing, a.signer);
    const held = { ...revision1, origin: { type: 'exchange' as const, importedAt: '2026-11-02T10:00:00.000Z', signer: 'Dra. Elena Martín', keyFingerprint: a.keyRing.fingerprint() } };

    // When the newer file arrives
    const newer = await verifyExchangeFile(newFile, { partnerKeys: b.partnerKeys });
    if (!newer.ok) throw new Error(newer.error.message);
    const incoming = newer.verified.payload.items[0];
    if (incoming?.type !== 'assessment') throw new Error('expected an assessment');

    // Then it is a newer revision, and the diff names the changed criterion
    expect(revisionVerdict(incoming.assessment, held)).toBe('newer-revision');
    expect(diffAssessments(held, incoming.assessment).criteria).toEqual([
      {
        criterionId: 'QA-02',
        level: { from: 2, to: 3 },
        justification: { from: 'Partly in place.', to: 'Now applied to every programme.' },
      },
    ]);

    // And when the old file is replayed once revision 2 is held, it verifies but is an older revision
    const replay = await verifyExchangeFile(oldFile, { partnerKeys: b.partnerKeys });
    if (!replay.ok) throw new Error(replay.error.message);
    const replayed = replay.verified.payload.items[0];
    if (replayed?.type !== 'assessment') throw new Error('expected an assessment');
    expect(revisionVerdict(replayed.assessment, incoming.assessment)).toBe('older');
    expect(revisionVerdict(replayed.assessment, held)).toBe('same');
  });

  it('names the framework snapshots a file refers to but does not carry', async () => {
    const assessment = sampleAssessment({}, { framework, subject: subjectA });
    const file = await createExchangeFile({ issuer: a.issuer, items: [{ type: 'assessment', assessment }] }, a.keyRing, a.signer);
    const result = await verifyExchangeFile(file);
    expect(result.ok && result.verified.missingFrameworks).toEqual([{ id: 'example-guide', version: '1.0', fingerprint: assessment.framework.fingerprint }]);
  });

  it('will not issue a file in another institution’s name', async () => {
    await expect(createExchangeFile({ issuer: b.issuer, items: [] }, a.keyRing, a.signer)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('will not issue a file whose content does not follow the format, and names the field', async () => {
    const broken = sampleAssessment({ title: '' }, { framework, subject: subjectA });
    await expect(createExchangeFile({ issuer: a.issuer, items: [{ type: 'assessment', assessment: broken }] }, a.keyRing, a.signer)).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [expect.objectContaining({ path: 'items.0.assessment.title' })],
    });
  });

  it('refuses a file signed in the own institution’s name with a key that is not the own key', async () => {
    // Given A's own file, recognised as A's by A's installation
    const file = await createExchangeFile({ issuer: a.issuer, items: [] }, a.keyRing, a.signer);
    const own = await verifyExchangeFile(file, { ownKeyRing: a.keyRing });
    expect(own.ok && own.verified.signatures[0]?.trust).toEqual({ status: 'own', key: 'current' });

    // When someone signs a payload in A's name with a key of their own
    const payload = JSON.parse(text(file)).payload as unknown;
    const forged = await forgeSignature(payload, { exchangeId: a.keyRing.exchangeId(), signer: a.signer });
    const result = await verifyExchangeFile(serialiseExchange(payload, [forged.signature]), { ownKeyRing: a.keyRing });

    // Then A's installation refuses it loudly
    expectRefusal(result, 'KEY_CHANGED', /your own institution's name/);
  });
});
