/** A real core (store, services, router) over a temp data folder, for service and router tests. */
import { openCore, type Core } from '../../electron/app/core';
import type { InstitutionProfile } from '../../shared/institution/schema';
import { sampleProfile } from './factories';
import { templatesDir } from './paths';
import { ScriptedDialogs } from './scripted-dialogs';
import { tempFolder } from './temp';
import { builtInGuide } from './built-in-guides';

/**
 * The scrypt cost of the keys tests make: 2^14, an eighth of the app's 2^17. Tests make and unlock
 * keys by the hundred, at about half a second each at the app's cost; the sealing and unsealing
 * are the same. That a key made by the app gets the app's cost is checked on its own
 * (test/unit/electron/keys/passphrase-cost.test.ts).
 */
export const testPassphraseCost = { N: 2 ** 14, r: 8, p: 1 };

export interface TestCore extends Core {
  dialogs: ScriptedDialogs;
  dataDir: string;
  /** Closes the core and removes the folder. */
  dispose(): Promise<void>;
}

export async function testCore(options: { now?: () => Date; dataDir?: string; templatesDir?: string } = {}): Promise<TestCore> {
  const folder = options.dataDir ? undefined : await tempFolder();
  const dataDir = options.dataDir ?? folder!.path;
  const dialogs = new ScriptedDialogs();
  const core = await openCore({
    dataDir,
    templatesDir: options.templatesDir ?? templatesDir,
    dialogs,
    appVersion: 'test',
    platform: process.platform,
    systemLocale: 'en-GB',
    passphraseCost: testPassphraseCost,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...core,
    dialogs,
    dataDir,
    dispose: async () => {
      await core.close();
      await folder?.remove();
    },
  };
}

/** A core with the own institution, a user name and one partner: where most workflows start. */
export async function setUpCore(options: { now?: () => Date; templatesDir?: string } = {}) {
  const core = await testCore(options);
  const own = await core.institutions.saveOwn(sampleProfile());
  const partner = await core.institutions.createPartner(
    sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' }),
  );
  await core.store.updateSettings({ userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true });
  const guide = builtInGuide(core, '1.0');
  return { core, own, partner, guide };
}

/** The passphrase of the signing keys that `setUpParty` creates. */
export const testPassphrase = 'a long enough passphrase';

/**
 * One side of an exchange between two institutions: its own profile, the other side as a partner,
 * a user and a signing key (protected by `testPassphrase`). Returns the partner's record.
 */
export async function setUpParty(core: TestCore, own: InstitutionProfile, partner: InstitutionProfile, user = 'Officer') {
  await core.institutions.saveOwn(own);
  const partnerRecord = await core.institutions.createPartner(partner);
  await core.store.updateSettings({ userName: user, userRole: 'Quality officer', setupCompleted: true });
  await core.identity.createKey(testPassphrase);
  return partnerRecord;
}
