/**
 * The cost a signing key is sealed with when the app makes it: scrypt N = 2^17, whatever the tests
 * use for theirs (test/support/core.ts). Read from the key file the app wrote, not from the code.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../../electron/app/core';
import { testPassphraseCost } from '../../../support/core';
import { templatesDir } from '../../../support/paths';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>> | undefined;

afterEach(async () => {
  await folder?.remove();
  folder = undefined;
});

/** The scrypt parameters stored in the sealed private key of the data folder's own key file. */
async function sealedCost(dataDir: string): Promise<Record<string, unknown>> {
  const file = JSON.parse(await readFile(join(dataDir, 'keys', 'own-key.json'), 'utf8')) as { current: { sealedPrivateKey: string } };
  const sealed = JSON.parse(Buffer.from(file.current.sealedPrivateKey, 'base64').toString('utf8')) as { kdf: Record<string, unknown> };
  return sealed.kdf;
}

async function keyMadeBy(options: { passphraseCost?: typeof testPassphraseCost }) {
  folder = await tempFolder();
  const core = await openCore({ dataDir: folder.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', ...options });
  try {
    await core.identity.createKey('a passphrase long enough');
    core.identity.lock();
    // Unlocking reads the cost from the file, whichever it is.
    expect((await core.identity.unlock('a passphrase long enough')).unlocked).toBe(true);
  } finally {
    await core.close();
  }
  return sealedCost(folder.path);
}

describe('the cost of a passphrase-protected key', () => {
  it('is the app’s (N = 2^17, r = 8, p = 1) when the core is opened as the app opens it', async () => {
    expect(await keyMadeBy({})).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1, keyLength: 32 });
  });

  it('is the smaller one the tests give, only when given', async () => {
    expect(await keyMadeBy({ passphraseCost: testPassphraseCost })).toMatchObject({ name: 'scrypt', N: 2 ** 14, r: 8, p: 1 });
  });
});
