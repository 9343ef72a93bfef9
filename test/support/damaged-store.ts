/**
 * A realistic store and the ways its files get damaged (a disk fault, a sync tool, an editor that
 * writes in place, a newer TrustBridge): for the damaged-store tests, unit and end-to-end.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../../electron/app/core';
import { partnerSelfAssessment } from './assessment-factories';
import { sampleProfile } from './factories';
import { templatesDir } from './paths';
import { ScriptedDialogs } from './scripted-dialogs';
import { builtInGuide } from './built-in-guides';

export interface DamageableStore {
  own: string;
  partner: string;
  /** A draft self-assessment saved several times, so its `.bak` holds the save before the last. */
  selfAssessment: string;
  partnerAssessment: string;
  partnership: string;
  /** What the previous save of each (its `.bak`) says, to check a restore from it (when the copy is damaged too). */
  previous: { selfJustification: string; partnerCity: string; partnershipTitle: string };
}

/** Own institution, a partner (edited twice), a self-assessment (saved often), the partner's, a partnership. */
export async function damageableStore(dataDir: string): Promise<DamageableStore> {
  const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
  try {
    const own = await core.institutions.saveOwn(sampleProfile());
    await core.store.updateSettings({ userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true });
    const partnerProfile = sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' });
    const partner = await core.institutions.createPartner(partnerProfile);
    await core.institutions.updatePartner(partner.id, { ...partnerProfile, city: 'Tampere (Hervanta)' });
    await core.institutions.updatePartner(partner.id, { ...partnerProfile, city: 'Tampere (Kauppi)' });
    const guide = builtInGuide(core, '2.0');
    const self = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: guide.key, language: 'en', title: 'Self-assessment 2026' });
    await core.assessments.saveAnswer(self.id, 'LEG-01', { level: 3, justification: 'First draft.' });
    await core.assessments.saveAnswer(self.id, 'LEG-01', { justification: 'Second draft.' });
    await core.assessments.saveAnswer(self.id, 'LEG-01', { justification: 'Third draft.' });
    const partnerAssessment = await partnerSelfAssessment(core, partner.id);
    const partnership = await core.partnerships.create({ partnerId: partner.id, title: 'Ejemplo–Tampere' });
    await core.partnerships.decide(partnership.id, { outcome: 'conditional', rationale: 'Two conditions.' });
    return {
      own: own.id,
      partner: partner.id,
      selfAssessment: self.id,
      partnerAssessment: partnerAssessment.id,
      partnership: partnership.id,
      previous: { selfJustification: 'Second draft.', partnerCity: 'Tampere (Hervanta)', partnershipTitle: 'Ejemplo–Tampere' },
    };
  } finally {
    await core.close();
  }
}

export const documentPath = (dataDir: string, collection: string, id: string) => join(dataDir, 'documents', collection, `${id}.json`);

/** The second, self-checking copy the store keeps of every document (electron/store/checked-copy.ts). */
export const copyPath = (dataDir: string, collection: string, id: string) => join(dataDir, 'copies', 'documents', collection, `${id}.json.copy`);

/** The damages the issue names, each as the bytes a damaged file would hold. */
export const damages = {
  truncated: (original: string) => original.slice(0, Math.floor(original.length / 2)),
  garbage: () => Buffer.from([0x00, 0xff, 0x13, 0x37, 0xfe, 0x00, 0x42, 0x0a]),
  empty: () => '',
  futureVersion: (original: string) => JSON.stringify({ ...(JSON.parse(original) as object), schemaVersion: 99 }),
} as const;

export async function damage(path: string, content: string | Buffer): Promise<void> {
  await writeFile(path, content);
}

export async function removeCatalogue(dataDir: string): Promise<void> {
  await rm(join(dataDir, 'index.json'), { force: true });
  await rm(join(dataDir, 'index.json.bak'), { force: true });
}
