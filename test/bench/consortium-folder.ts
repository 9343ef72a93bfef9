/**
 * A shared folder of a large consortium for the bench: `members` universities, each with its own
 * signing key, each leaving `filesEach` signed exchange files — its self-assessment and audits of
 * the members after it, over several years — made as the app makes them (KeyRing +
 * createExchangeFile). Deterministic answers (shared/seeded-random.ts); the keys are new each run.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createExchangeFile } from '../../electron/exchange/write';
import { KeyRing } from '../../electron/keys/key-ring';
import type { Answer } from '../../shared/assessment/answer';
import type { Assessment } from '../../shared/assessment/schema';
import type { ExchangeIssuer, ExchangeItemInput, Signer } from '../../shared/exchange/schema';
import { frameworkRef } from '../../shared/framework/fingerprint';
import { criteriaOf, frameworkSchema, type Framework } from '../../shared/framework/schema';
import type { InstitutionProfile } from '../../shared/institution/schema';
import { seededRandom } from '../../shared/seeded-random';
import { testKeychain } from '../support/exchange-factories';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';

interface Member {
  index: number;
  profile: InstitutionProfile;
  keyRing: KeyRing;
  issuer: ExchangeIssuer;
  signer: Signer;
}

const countries = ['ES', 'DE', 'FI', 'FR', 'IT', 'PL', 'PT', 'NL', 'DK', 'RO', 'CZ', 'HU', 'EE', 'IE', 'AT', 'BE', 'LT', 'LV', 'SI', 'HR'] as const;
const years = ['2023', '2024', '2025', '2026'];

export async function consortiumFolder(root: string, members: number, filesEach: number): Promise<string> {
  const folder = join(root, 'consortium-folder');
  await mkdir(folder, { recursive: true });
  const { $schema: _editorHint, ...guideJson } = JSON.parse(readFileSync(join(templatesDir, 'frameworks', 'trustbridge-guide', 'en.json'), 'utf8')) as Record<string, unknown>;
  const guide: Framework = frameworkSchema.parse(guideJson);
  const criteria = criteriaOf(guide);
  const rand = seededRandom(members * 1000 + filesEach);
  const all: Member[] = [];
  for (let index = 0; index < members; index += 1) {
    const keyDir = join(root, 'consortium-keys', String(index));
    await mkdir(keyDir, { recursive: true });
    const keyRing = await KeyRing.open({ dataDir: keyDir });
    await keyRing.ensureKey(testKeychain());
    const country = countries[index % countries.length]!;
    const code = `${country.padEnd(3)}MEMBER${String(index).padStart(3, '0')}`;
    const profile = sampleProfile({ legalName: `Member University ${index + 1}`, country, city: `City ${index + 1}`, erasmusCode: code, oid: `E1${String(index).padStart(7, '0')}`, pic: String(900_000_000 + index) });
    all.push({ index, profile, keyRing, issuer: { exchangeId: keyRing.exchangeId(), profile }, signer: { name: `QA officer ${index}`, role: 'Quality officer', institution: profile.legalName } });
  }
  const ref = (m: Member) => ({ institutionId: `local-${m.index}`, legalName: m.profile.legalName, country: m.profile.country });
  const assessment = (assessor: Member, subject: Member, n: number): Assessment => {
    const year = years[(assessor.index + n) % years.length]!;
    const day = `${year}-${String(1 + ((assessor.index + n) % 12)).padStart(2, '0')}-15`;
    const strength = 1.5 + (subject.index % 4) * 0.6;
    const answers: Record<string, Answer> = {};
    for (const criterion of criteria) {
      const level = Math.max(0, Math.min(4, Math.round(strength + (rand() - 0.5) * 2.2))) as 0 | 1 | 2 | 3 | 4;
      answers[criterion.id] = { level, notApplicable: false, naReason: '', justification: `Record for ${criterion.id}: level ${level}.`, evidence: [], requestedEvidence: '', carriedOver: false };
    }
    const kind = assessor === subject ? 'self' : 'audit';
    const id = `${kind}-${assessor.index}-${subject.index}-${year}`;
    return {
      schemaVersion: 1,
      id,
      kind,
      title: `${kind === 'self' ? 'Self-assessment' : `Audit of ${subject.profile.legalName}`} ${year}`,
      subject: ref(subject),
      assessor: ref(assessor),
      framework: { ...frameworkRef(guide), language: guide.language },
      status: 'complete',
      completed: { by: assessor.signer.name, role: 'Quality officer', at: `${day}T10:00:00.000Z` },
      seriesId: id,
      revision: 1,
      origin: { type: 'local' },
      answers,
      history: [],
      createdAt: `${day}T08:00:00.000Z`,
      createdBy: assessor.signer.name,
      updatedAt: `${day}T10:00:00.000Z`,
    };
  };
  const institution = (m: Member): ExchangeItemInput => ({ type: 'institution', institutionId: `local-${m.index}`, exchangeId: m.keyRing.exchangeId(), profile: m.profile });
  for (const assessor of all) {
    for (let n = 0; n < filesEach; n += 1) {
      const subject = all[(assessor.index + n) % all.length]!;
      const items: ExchangeItemInput[] = [institution(assessor), ...(subject === assessor ? [] : [institution(subject)]), { type: 'assessment', assessment: assessment(assessor, subject, n) }];
      const bytes = await createExchangeFile({ issuer: assessor.issuer, items }, assessor.keyRing, assessor.signer, { now: () => new Date(`${years[n % years.length]}-06-30T10:00:00.000Z`) });
      await writeFile(join(folder, `m${String(assessor.index).padStart(3, '0')}-${n === 0 ? 'self' : `audit-of-m${String(subject.index).padStart(3, '0')}`}.trustbridge`), bytes);
    }
  }
  return folder;
}
