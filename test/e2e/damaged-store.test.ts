/**
 * A damaged store, end to end: truncated, garbage, empty and future-version files and a missing
 * catalogue. The app starts, Home shows what was repaired, the damaged files are set aside and their
 * last saves restored from their copies, and nothing is lost.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damage, damageableStore, damages, documentPath, removeCatalogue, type DamageableStore } from '../support/damaged-store';
import { fileTree } from '../support/file-tree';
import { tempFolder } from '../support/temp';
import { launchApp, type RunningApp } from './harness';
import { screenshot } from './screenshots';

describe('a damaged data folder', () => {
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let store: DamageableStore;
  let app: RunningApp | undefined;
  const damaged: Record<string, string | Buffer> = {};
  let untouched: Record<string, string>;

  beforeAll(async () => {
    data = await tempFolder();
    store = await damageableStore(data.path);
    const self = documentPath(data.path, 'assessments', store.selfAssessment);
    const partner = documentPath(data.path, 'institutions', store.partner);
    const partnership = documentPath(data.path, 'partnerships', store.partnership);
    damaged[self] = damages.truncated(await readFile(self, 'utf8'));
    damaged[partner] = damages.futureVersion(await readFile(partner, 'utf8'));
    damaged[partnership] = damages.empty();
    for (const [path, content] of Object.entries(damaged)) await damage(path, content);
    await removeCatalogue(data.path);
    const damagedPaths = new Set(Object.keys(damaged));
    untouched = await fileTree(join(data.path, 'documents'), { exclude: (path) => damagedPaths.has(join(data.path, 'documents', path)) });
  });

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('starts, tells the user on Home what was repaired, and loses nothing else', async () => {
    app = await launchApp({ dataDir: data.path });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();
    const banner = page.getByRole('region', { name: 'Messages about your data' });
    await banner.waitFor();
    const messages = banner.getByRole('status');
    // The catalogue rebuilt, and each damaged file restored from its copy.
    expect(await messages.count()).toBe(4);
    const texts = await messages.allTextContents();
    expect(texts.filter((text) => text.includes('restored from its second copy, as it was last saved. Nothing was lost.'))).toHaveLength(3);
    expect(texts.filter((text) => text.includes('rebuilt from the documents themselves. Nothing was lost.'))).toHaveLength(1);
    await screenshot(page, 'damaged-store-notices');

    // Set aside, byte for byte, in the quarantine folder.
    const quarantined = [];
    for (const collection of await readdir(join(data.path, 'quarantine'))) {
      for (const name of await readdir(join(data.path, 'quarantine', collection))) quarantined.push(await readFile(join(data.path, 'quarantine', collection, name)));
    }
    for (const content of Object.values(damaged)) expect(quarantined.some((file) => file.equals(Buffer.from(content)))).toBe(true);

    // Restored as last saved, and listed.
    expect((await app.core.assessments.get(store.selfAssessment)).answers['LEG-01']?.justification).toBe('Third draft.');
    expect((await app.core.institutions.get(store.partner)).city).toBe('Tampere (Kauppi)');
    expect((await app.core.partnerships.get(store.partnership)).decision).toMatchObject({ outcome: 'conditional' });
    await page.getByRole('link', { name: 'Self-assessment 2026', exact: true }).first().waitFor();

    // Every other document is as it was.
    const now = await fileTree(join(data.path, 'documents'));
    expect(Object.fromEntries(Object.keys(untouched).map((path) => [path, now[path]]))).toEqual(untouched);

    // Dismissed, a notice is gone for good.
    await banner.getByRole('button', { name: 'Dismiss' }).first().click();
    await expect.poll(() => messages.count()).toBe(3);
    expect(app.pageErrors).toEqual([]);
    expect(app.externalRequests).toEqual([]);
  });
});
