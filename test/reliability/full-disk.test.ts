/**
 * A full disk and a read-only folder, for real: the data folder on a tmpfs of a few hundred KB
 * filled to the last byte (a real ENOSPC), then remounted read-only (a real EROFS). Saving fails
 * with the clear DISK_FULL / READ_ONLY message — at the service and as the UI shows it through the
 * router — and the last good state stays: every file byte for byte, and what the app holds in
 * memory. Mounting needs root (as here and in CI); elsewhere the tests skip and say why.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { errorText } from '../../renderer/components/ErrorMessage';
import { translate } from '../../shared/i18n';
import { fileTree } from '../support/file-tree';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { builtInGuide } from '../support/built-in-guides';

function tryMount(args: string[]): string | undefined {
  try {
    execFileSync('mount', args, { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
  }
}

let work: Awaited<ReturnType<typeof tempFolder>>;
let mountPoint: string;
let cannotMount: string | undefined;

beforeAll(async () => {
  work = await tempFolder('trustbridge-disk-');
  mountPoint = join(work.path, 'small-disk');
  await mkdir(mountPoint);
  cannotMount = process.platform !== 'linux' ? 'not Linux' : tryMount(['-t', 'tmpfs', '-o', 'size=640k,mode=0700', 'tmpfs', mountPoint]);
  if (cannotMount) console.warn(`Full-disk and read-only tests skipped: mounting a small tmpfs is not permitted here (${cannotMount}). They run as root, as in CI.`);
});

afterAll(async () => {
  if (!cannotMount) tryMount(['-o', 'remount,rw', mountPoint]);
  if (!cannotMount) execFileSync('umount', [mountPoint]);
  await work?.remove();
});

/** The UI's sentence for an error result, as the renderer's ErrorMessage shows it (in English). */
const shown = (error: { code: string; message: string; params?: Record<string, string | number> }) =>
  errorText((key, options) => translate('en', key, (options ?? {}) as Record<string, string | number>), error as Parameters<typeof errorText>[1]);

describe.skipIf(process.platform !== 'linux')('saving on a full disk and in a read-only folder', () => {
  let core: Core;
  let assessmentId: string;
  let dataDir: string;

  beforeAll(async () => {
    if (cannotMount) return;
    dataDir = join(mountPoint, 'data');
    core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });
    const own = await core.institutions.saveOwn(sampleProfile());
    await core.store.updateSettings({ userName: 'Jordi Puig', setupCompleted: true });
    const guide = builtInGuide(core, '1.0');
    const assessment = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: guide.key, language: 'en', title: 'Self-assessment 2026' });
    assessmentId = assessment.id;
    await core.assessments.saveAnswer(assessmentId, 'LEG-01', { level: 3, justification: 'Saved while there was room.' });
    await core.store.flush();
  });

  afterAll(async () => {
    if (cannotMount) return;
    await core?.close().catch(() => undefined);
  });

  it('a full disk: the save fails with DISK_FULL and a clear message, and nothing changes on disk or in memory', async (context) => {
    if (cannotMount) return context.skip();
    // Fill the disk to the last byte.
    const filler = join(mountPoint, 'filler');
    await writeFile(filler, Buffer.alloc(0));
    for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          await writeFile(filler, Buffer.alloc(size), { flag: 'a' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
    const before = await fileTree(dataDir);
    const inMemoryBefore = await core.assessments.get(assessmentId);
    const summaryBefore = core.assessments.summary(assessmentId);
    const longText = 'A justification long enough to need new blocks on the disk. '.repeat(250);

    await expect(core.assessments.saveAnswer(assessmentId, 'LEG-01', { level: 4, justification: longText })).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/^The disk is full, so .+ could not be saved\. Free some space and try again; everything saved before is kept\.$/),
    });
    // What the user sees: the router's answer to the renderer, and the sentence on screen.
    const result = await core.router.invoke('assessments.saveAnswer', { id: assessmentId, criterionId: 'LEG-02', patch: { level: 2, justification: longText } });
    expect(result).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    if (result.ok) throw new Error('unreachable');
    expect(shown(result.error)).toBe('The disk is full, so nothing could be saved. Free some space and try again; everything saved before is kept.');

    expect(await fileTree(dataDir)).toEqual(before);
    expect(await core.assessments.get(assessmentId)).toEqual(inMemoryBefore);
    expect(core.assessments.summary(assessmentId)).toEqual(summaryBefore);

    // Space freed: the same save goes through.
    await rm(filler);
    await core.assessments.saveAnswer(assessmentId, 'LEG-01', { level: 4, justification: longText });
    expect((await core.assessments.get(assessmentId)).answers['LEG-01']).toMatchObject({ level: 4, justification: longText });
  });

  it('a read-only folder: the save fails with READ_ONLY naming the folder, and nothing changes', async (context) => {
    if (cannotMount) return context.skip();
    await core.store.flush();
    const before = await fileTree(dataDir);
    const inMemoryBefore = await core.assessments.get(assessmentId);
    const remounted = tryMount(['-o', 'remount,ro', mountPoint]);
    expect(remounted).toBeUndefined();
    try {
      await expect(core.assessments.saveAnswer(assessmentId, 'LEG-03', { level: 1 })).rejects.toMatchObject({
        code: 'READ_ONLY',
        message: expect.stringContaining('TrustBridge may not write to'),
        params: { path: expect.stringContaining(dataDir) },
      });
      await expect(core.store.updateSettings({ userName: 'Someone else' })).rejects.toMatchObject({ code: 'READ_ONLY' });
      const result = await core.router.invoke('institutions.saveOwn', sampleProfile({ city: 'Castellón' }));
      expect(result).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      if (result.ok) throw new Error('unreachable');
      expect(shown(result.error)).toMatch(/^TrustBridge may not write to its data folder \(.+\)\. Make it writable and try again; everything saved before is kept\.$/);

      expect(await fileTree(dataDir)).toEqual(before);
      expect(await core.assessments.get(assessmentId)).toEqual(inMemoryBefore);
      expect(core.store.settings.userName).toBe('Jordi Puig');
      expect((await core.institutions.getOwn())?.city).toBe('Valencia');
    } finally {
      tryMount(['-o', 'remount,rw', mountPoint]);
    }
    // Writable again: saving works, and the store reopens with the last good state.
    await core.assessments.saveAnswer(assessmentId, 'LEG-03', { level: 1 });
    await core.close();
    core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
    expect((await core.assessments.get(assessmentId)).answers['LEG-03']?.level).toBe(1);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')).userName).toBe('Jordi Puig');
    expect(core.store.notices).toEqual([]);
  });
});
