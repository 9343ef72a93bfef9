/**
 * The import pipeline's shared parts: one map of open previews for every kind of import, and one
 * journal that takes back everything an exchange file added when applying it fails part-way —
 * with every assessment created through AssessmentService.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportPreviews, previewKind } from '../../../../electron/services/import-previews';
import { acceptQuestionnairePreview } from '../../../../electron/import/questionnaire';
import { completedSelfAssessment } from '../../../support/assessment-factories';
import { setUpParty, testCore, type TestCore } from '../../../support/core';
import { sampleProfile } from '../../../support/factories';
import { tempFolder } from '../../../support/temp';

const universidad = () => sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia', erasmusCode: 'E  VALENCI99' });
const tampere = () => sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' });
const other = () => sampleProfile({ legalName: 'Hochschule Musterstadt', country: 'DE', city: 'Musterstadt', erasmusCode: 'D  MUSTERS01' });

describe('the open import previews', () => {
  const files = previewKind<{ path: string }>('file');
  const sheets = previewKind<{ sheet: string }>('sheet');

  it('gives a preview only to the kind of import that opened it, and only once when taken', () => {
    const previews = new ImportPreviews();
    const token = previews.newToken();
    previews.put(files, token, { path: 'a.trustbridge' });

    expect(previews.get(sheets, token)).toBeUndefined();
    expect(previews.take(files, token)).toEqual({ path: 'a.trustbridge' });
    expect(previews.take(files, token)).toBeUndefined();
  });

  it('forgets the oldest previews beyond its bound, whatever their kind', () => {
    const previews = new ImportPreviews(2);
    previews.put(files, 'first', { path: 'first' });
    previews.put(sheets, 'second', { sheet: 'second' });
    previews.put(files, 'third', { path: 'third' });

    expect(previews.size).toBe(2);
    expect(previews.get(files, 'first')).toBeUndefined();
    expect(previews.get(sheets, 'second')).toEqual({ sheet: 'second' });
  });

  it('forgets every preview of one kind and keeps the others', () => {
    const previews = new ImportPreviews();
    previews.put(files, 'f', { path: 'f' });
    previews.put(sheets, 's', { sheet: 's' });
    previews.forgetAll(sheets);
    expect([previews.get(files, 'f'), previews.get(sheets, 's')]).toEqual([{ path: 'f' }, undefined]);
  });
});

describe('importing an exchange file', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let a: TestCore;
  let b: TestCore;
  let file: string;

  beforeEach(async () => {
    folder = await tempFolder('trustbridge-pipeline-');
    a = await testCore();
    b = await testCore();
    await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
    // B does not know Universidad de Ejemplo yet: accepting its file creates the partner.
    await setUpParty(b, tampere(), other(), 'Liisa Virtanen');
    const self = await completedSelfAssessment(a);
    file = join(folder.path, 'uni-self.trustbridge');
    await writeFile(file, await a.exchange.exportItems({ assessmentIds: [self.id] }));
    // Two data folders with signing keys: slow on a busy machine, as in the other exchange tests.
  }, 120_000);

  afterEach(async () => {
    await a.dispose();
    await b.dispose();
    await folder.remove();
  });

  it('keeps the preview in the one shared map: not a questionnaire token, and applied only once', async () => {
    const [preview] = await b.exchange.preview([file]);
    const token = preview!.token;
    expect(preview!.ok).toBe(true);

    await expect(acceptQuestionnairePreview({ core: b, previews: b.previews, token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(b.assessments.list()).toHaveLength(0);

    await expect(b.exchange.apply([token])).resolves.toEqual([{ fileName: 'uni-self.trustbridge', added: 2 }]);
    expect(b.previews.size).toBe(0);
    await expect(b.exchange.apply([token])).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no longer open') });
    expect(b.assessments.list()).toHaveLength(1);
  });

  it('creates the assessment through AssessmentService, catalogued as received from the exchange', async () => {
    const imported = vi.spyOn(b.assessments, 'importAssessment');
    const [preview] = await b.exchange.preview([file]);
    await b.exchange.apply([preview!.token]);

    expect(imported).toHaveBeenCalledTimes(1);
    const [stored] = imported.mock.calls[0]!;
    expect(stored.origin).toMatchObject({ type: 'exchange', keyFingerprint: a.identity.fingerprint() });
    expect(b.assessments.summary(stored.id)).toMatchObject({ origin: 'exchange', scored: true });
  });

  it('takes back the partner and the assessment it created when applying fails part-way, and can be applied again', async () => {
    const partnersBefore = b.institutions.list().map((item) => item.legalName).sort();
    const [preview] = await b.exchange.preview([file]);
    const link = vi.spyOn(b.partnerships, 'linkImported').mockRejectedValueOnce(new Error('The disk is full'));

    await expect(b.exchange.apply([preview!.token])).rejects.toThrow('The disk is full');
    expect(b.assessments.list()).toHaveLength(0);
    expect(b.institutions.list().map((item) => item.legalName).sort()).toEqual(partnersBefore);

    link.mockRestore();
    await b.exchange.apply([preview!.token]);
    expect(b.assessments.list()).toHaveLength(1);
    expect(b.institutions.list().map((item) => item.legalName)).toContain('Universidad de Ejemplo');
  });
});
