import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstitutionService, institutionKind } from '../../../../electron/services/institutions';
import { Store } from '../../../../electron/store/store';
import { sampleProfile } from '../../../support/factories';
import { tempFolder } from '../../../support/temp';

const profile = (overrides: Parameters<typeof sampleProfile>[0] = {}) =>
  sampleProfile({ legalName: 'Universidade Exemplo', country: 'PT', city: 'Porto', ...overrides });

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: Store;
let service: InstitutionService;
const now = () => new Date('2026-11-23T10:00:00Z');

beforeEach(async () => {
  folder = await tempFolder();
  store = await Store.open({ dataDir: folder.path, kinds: [institutionKind], now });
  service = new InstitutionService(store, now);
});

afterEach(async () => {
  await store.close();
  await folder.remove();
});

describe('institutions', () => {
  it('creates the own institution once, and saving again updates it', async () => {
    const first = await service.saveOwn(profile());
    const second = await service.saveOwn(profile({ city: 'Braga' }));
    expect(second.id).toBe(first.id);
    expect(service.list()).toHaveLength(1);
    expect((await service.getOwn())?.city).toBe('Braga');
  });

  it('adds, lists, edits and removes partners; the own institution is listed first and cannot be removed', async () => {
    const own = await service.saveOwn(profile());
    const zeta = await service.createPartner(profile({ legalName: 'Zeta University', country: 'FI', city: 'Turku' }));
    const alpha = await service.createPartner(profile({ legalName: 'Alpha College', country: 'IE', city: 'Cork' }));
    expect(service.list().map((item) => item.legalName)).toEqual(['Universidade Exemplo', 'Alpha College', 'Zeta University']);

    await service.updatePartner(alpha.id, profile({ legalName: 'Alpha College Cork', country: 'IE', city: 'Cork' }));
    expect((await service.get(alpha.id)).legalName).toBe('Alpha College Cork');

    await service.removePartner(zeta.id);
    expect(service.list().map((item) => item.id)).toEqual([own.id, alpha.id]);
    await expect(service.removePartner(own.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a second institution with the same legal name, whatever its case', async () => {
    await service.saveOwn(profile());
    await expect(service.createPartner(profile({ legalName: 'UNIVERSIDADE EXEMPLO' }))).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'legalName', message: 'validation.duplicateName' }],
    });
  });

  it('does not let the partner channel edit the own institution', async () => {
    const own = await service.saveOwn(profile());
    await expect(service.updatePartner(own.id, profile({ city: 'Lisboa' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await service.getOwn())?.city).toBe('Porto');
  });

  it('writes the profile to its own file in the data folder', async () => {
    const own = await service.saveOwn(profile());
    const stored = JSON.parse(await readFile(join(folder.path, 'documents', 'institutions', `${own.id}.json`), 'utf8'));
    expect(stored).toMatchObject({ schemaVersion: 2, kind: 'own', exchangeId: null, profile: { legalName: 'Universidade Exemplo' }, createdAt: '2026-11-23T10:00:00.000Z' });
  });
});
