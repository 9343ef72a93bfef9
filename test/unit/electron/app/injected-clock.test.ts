import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manifestName } from '../../../../electron/services/store-backup';
import { testCore, type TestCore } from '../../../support/core';
import { tempFolder } from '../../../support/temp';

/** A day the system clock will not show while these tests run. */
const fixed = new Date('2031-02-03T10:20:30.000Z');

let core: TestCore | undefined;
let out: Awaited<ReturnType<typeof tempFolder>> | undefined;

afterEach(async () => {
  await core?.dispose();
  await out?.remove();
  core = undefined;
  out = undefined;
});

describe('files the app saves', () => {
  it('propose a name dated by the core’s clock, not the system clock, and are dated inside by it too', async () => {
    // Given a core whose clock is fixed, and a folder outside the data folder to save into
    core = await testCore({ now: () => fixed });
    out = await tempFolder('trustbridge-clock-');
    const target = join(out.path, 'backup.zip');
    core.dialogs.answerSave(target);

    // When the officer backs up the data folder
    const result = await core.router.invoke('data.backup', {});

    // Then the save dialog proposed the fixed day, and the archive's manifest records the fixed time
    expect(result).toMatchObject({ ok: true, value: { path: target } });
    expect(core.dialogs.proposedNames).toEqual(['TrustBridge backup 2031-02-03.zip']);
    const manifest = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', target, manifestName], { encoding: 'utf8' }),
    ) as { created: string };
    expect(manifest.created).toBe(fixed.toISOString());
  });
});
