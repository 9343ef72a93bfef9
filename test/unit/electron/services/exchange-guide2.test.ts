/**
 * Exchange files and the guide 2.0 rules: an assessment that marks N/A a criterion that may never
 * be N/A, or names a cooperation profile its framework lacks, is refused on import and nothing is
 * stored; a good one with its profile arrives with the profile.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assessment } from '../../../../shared/assessment/schema';
import { criteriaOf } from '../../../../shared/framework/schema';
import { setUpParty, testCore, type TestCore } from '../../../support/core';
import { sampleProfile } from '../../../support/factories';
import { guide2Fixture } from '../../../support/guide2-factory';
import { tempFolder } from '../../../support/temp';

let files: Awaited<ReturnType<typeof tempFolder>>;
let a: TestCore;
let b: TestCore;

const universidad = () => sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia', erasmusCode: 'E  VALENCI99' });
const tampere = () => sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99', schacCode: 'tampere-test.fi' });

beforeEach(async () => {
  files = await tempFolder('trustbridge-files-');
  a = await testCore();
  b = await testCore();
});

afterEach(async () => {
  await a.dispose();
  await b.dispose();
  await files.remove();
});

/** A's self-assessment with the test guide 2, every criterion at 3, then `change` written straight to A's store (as an older or hand-edited copy could hold it). */
async function sentAssessment(change: (assessment: Assessment) => Assessment, profileId?: string): Promise<string> {
  await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
  await setUpParty(b, tampere(), universidad(), 'Liisa Virtanen');
  const key = (await a.frameworks.storeImported(guide2Fixture())).key;
  const own = a.institutions.ownId()!;
  const created = await a.assessments.create({ kind: 'self', subjectId: own, frameworkKey: key, language: 'en', title: 'Self-assessment 2027', ...(profileId ? { profileId } : {}) });
  for (const criterion of criteriaOf(guide2Fixture())) await a.assessments.saveAnswer(created.id, criterion.id, { level: 3 });
  await a.store.update(a.assessments.kind, created.id, (draft) => change(draft));
  const path = join(files.path, 'self.trustbridge');
  await writeFile(path, await a.exchange.exportItems({ assessmentIds: [created.id] }));
  return path;
}

describe('importing an assessment made with a format 2 framework', () => {
  it('refuses one that marks N/A a criterion that may never be N/A, and stores nothing', async () => {
    const file = await sentAssessment((draft) => ({ ...draft, answers: { ...draft.answers, 'LEG-02': { ...draft.answers['LEG-02']!, level: null, notApplicable: true, naReason: 'Our agency is not in EQAR.' } } }));
    const [preview] = (await b.exchange.preview([file]))!;
    expect(preview!.items!.find((item) => item.type === 'assessment')).toMatchObject({ action: 'refuse', reason: 'not-applicable-refused' });
    await b.exchange.apply([preview!.token]);
    expect(b.assessments.list()).toHaveLength(0);
  });

  it('refuses one that names a profile its framework does not have', async () => {
    const file = await sentAssessment((draft) => ({ ...draft, profileId: 'franchise' }));
    const [preview] = (await b.exchange.preview([file]))!;
    expect(preview!.items!.find((item) => item.type === 'assessment')).toMatchObject({ action: 'refuse', reason: 'profile-unknown' });
  });

  it('adds a good one, with its profile, scored under it', async () => {
    const file = await sentAssessment((draft) => draft, 'mutual-recognition');
    const [preview] = (await b.exchange.preview([file]))!;
    expect(preview!.items!.find((item) => item.type === 'assessment')).toMatchObject({ action: 'add' });
    await b.exchange.apply([preview!.token]);
    const [held] = b.assessments.list();
    expect(held).toMatchObject({ total: 9, answered: 9, band: 'ready' });
    expect((await b.assessments.get(held!.id)).profileId).toBe('mutual-recognition');
  });
});
