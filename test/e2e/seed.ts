/**
 * Puts a data folder into a known state through the same services the app uses, so a test can
 * start where it needs to (after first run, with partners, …) without clicking through it again.
 */
import { openCore, type Core } from '../../electron/app/core';
import type { AnswerPatch } from '../../shared/assessment/patch';
import type { InstitutionProfile } from '../../shared/institution/schema';
import { testPassphraseCost } from '../support/core';
import { sampleProfile } from '../support/factories';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { templatesDir } from '../support/paths';

export { sampleProfile };

/** The passphrase of the signing key every seeded data folder gets. */
export const seedPassphrase = 'the quality office keeps this safe';

export async function seedSetUp(dataDir: string, options: { own?: InstitutionProfile; partners?: InstitutionProfile[]; language?: 'en' | 'es' | 'de' } = {}) {
  const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB', passphraseCost: testPassphraseCost });
  try {
    const own = await core.institutions.saveOwn(options.own ?? sampleProfile());
    const partners = [];
    for (const partner of options.partners ?? []) partners.push(await core.institutions.createPartner(partner));
    await core.store.updateSettings({ userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true, language: options.language ?? null });
    await core.identity.createKey(seedPassphrase);
    return { own, partners };
  } finally {
    await core.close();
  }
}

/**
 * Answers criteria of an assessment through the service the questionnaire saves with, so that a
 * flow which is not about answering types only a few criteria by keyboard (test/e2e/assessment
 * answers every criterion by keyboard). Reload the page afterwards: the screen read the
 * assessment before these answers existed.
 */
export async function seedAnswers(core: Core, assessmentId: string, answers: ReadonlyArray<readonly [criterionId: string, patch: AnswerPatch]>): Promise<void> {
  for (const [criterionId, patch] of answers) await core.assessments.saveAnswer(assessmentId, criterionId, patch);
}
