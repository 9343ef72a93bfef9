/**
 * Puts a data folder into a known state through the same services the app uses, so a test can
 * start where it needs to (after first run, with partners, …) without clicking through it again.
 */
import { openCore } from '../../electron/app/core';
import type { InstitutionProfile } from '../../shared/institution/schema';
import { sampleProfile } from '../support/factories';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { templatesDir } from '../support/paths';

export { sampleProfile };

/** The passphrase of the signing key every seeded data folder gets. */
export const seedPassphrase = 'the quality office keeps this safe';

export async function seedSetUp(dataDir: string, options: { own?: InstitutionProfile; partners?: InstitutionProfile[]; language?: 'en' | 'es' | 'de' } = {}) {
  const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB' });
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
