import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { criteriaOf, frameworkSchema, type Framework } from '../../../shared/framework/schema';

// The content decisions of guide 2.0 (issue 14) that a QA expert signed off, held as tests so a
// later edit of the file cannot quietly undo them.
const guideUrl = new URL('../../../templates/frameworks/trustbridge-guide-2/en.json', import.meta.url);
const oldGuideUrl = new URL('../../../templates/frameworks/trustbridge-guide/en.json', import.meta.url);

function load(url: URL): Framework {
  const result = frameworkSchema.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${url.pathname} does not satisfy the framework schema:\n${issues.join('\n')}`);
  }
  return result.data;
}

const guide = () => load(guideUrl);
const criteria = () => criteriaOf(guide());
const byId = (id: string) => criteria().find((criterion) => criterion.id === id);

describe('guide 2.0 (en)', () => {
  it('satisfies the framework schema as format 2, pretty-printed with a final newline', () => {
    const raw = readFileSync(guideUrl, 'utf8');
    expect(raw).toBe(`${JSON.stringify(JSON.parse(raw), null, 2)}\n`);
    expect(guide()).toMatchObject({ id: 'trustbridge-guide', version: '2.0', formatVersion: 2, language: 'en' });
  });

  it('keeps the one name of the guide', () => {
    expect(guide().title).toBe(load(oldGuideUrl).title);
  });

  it('has the thresholds of the spec, so a critical criterion below 3 blocks Ready and below 2 blocks Ready with conditions', () => {
    expect(guide().thresholds).toEqual({ ready: 75, conditional: 50, blockerBelowLevel: 3, conditionalMinCriticalLevel: 2, largeGapLevels: 2 });
    expect(guide().summary).toContain('below level 3 blocks Ready');
    expect(guide().summary).toContain('below level 2 blocks Ready with conditions');
  });

  it('has 40 to 50 criteria in nine dimensions, each dimension with at least four', () => {
    expect(guide().dimensions).toHaveLength(9);
    expect(criteria().length).toBeGreaterThanOrEqual(40);
    expect(criteria().length).toBeLessThanOrEqual(50);
    expect(guide().dimensions.filter((dimension) => dimension.criteria.length < 4).map((dimension) => dimension.id)).toEqual([]);
  });

  it('keeps the critical set small: legal status, external QA, Annex I information, assessment, recognition, data arrangement', () => {
    const critical = criteria().filter((criterion) => criterion.critical).map((criterion) => criterion.id);
    expect(critical).toEqual(['LEG-01', 'LEG-02', 'DES-01', 'ASM-01', 'REC-01', 'DAT-01']);
  });

  it('never allows N/A on the legal criteria (recognised status, external QA, recognition commitment)', () => {
    for (const id of ['LEG-01', 'LEG-02', 'REC-01']) expect(byId(id)?.allowsNotApplicable, id).toBe(false);
  });

  it('covers all ten Annex II principles, all eleven Annex I elements and ESG 1.1 to 1.10', () => {
    const elements = guide().sourceElements ?? [];
    const expected = [
      ...Array.from({ length: 10 }, (_, i) => `annexII-${String(i + 1).padStart(2, '0')}`),
      ...'abcdefghijk'.split('').map((letter) => `annexI-${letter}`),
      ...Array.from({ length: 10 }, (_, i) => `esg-1.${i + 1}`),
    ];
    const covered = new Set(criteria().flatMap((criterion) => criterion.covers ?? []));
    expect(expected.filter((id) => !elements.some((element) => element.id === id))).toEqual([]);
    expect(expected.filter((id) => !covered.has(id))).toEqual([]);
    // Every element offered is used somewhere, so the crosswalk shows no dead entries.
    expect(elements.filter((element) => !covered.has(element.id)).map((element) => element.id)).toEqual([]);
  });

  it('rates the Annex I information elements in one criterion only', () => {
    const annexI = (id: string) => id.startsWith('annexI-');
    const rating = criteria().filter((criterion) => (criterion.covers ?? []).filter(annexI).length > 1).map((criterion) => criterion.id);
    expect(rating).toEqual(['DES-01']);
  });

  it('cites the current name of European Digital Credentials for Learning, never the old one', () => {
    const raw = readFileSync(guideUrl, 'utf8');
    expect(raw).not.toMatch(/Europass Digital Credentials/);
    expect(raw).toContain('European Digital Credentials for Learning');
  });

  it('maps every 1.0 criterion to a 2.0 criterion or retires it, and never reuses a retired id', () => {
    const oldIds = criteriaOf(load(oldGuideUrl)).map((criterion) => criterion.id);
    const mapping = guide().carriedFrom?.find((entry) => entry.id === 'trustbridge-guide' && entry.version === '1.0')?.criteria ?? {};
    const retired = guide().retired.map((entry) => entry.id);
    const newIds = criteria().map((criterion) => criterion.id);
    expect(Object.values(mapping).filter((oldId) => !oldIds.includes(oldId))).toEqual([]);
    expect(new Set(Object.values(mapping)).size).toBe(Object.values(mapping).length);
    expect(oldIds.filter((id) => !Object.values(mapping).includes(id) && !retired.includes(id))).toEqual([]);
    expect(newIds.filter((id) => retired.includes(id))).toEqual([]);
    // An id kept from 1.0 means the same fact, so its answer carries over.
    expect(newIds.filter((id) => oldIds.includes(id) && mapping[id] !== id)).toEqual([]);
  });

  it('offers the three cooperation profiles of the issue', () => {
    expect((guide().profiles ?? []).map((profile) => profile.id)).toEqual(['mutual-recognition', 'joint-micro-credential', 'stacking']);
  });

  it('gives every criterion auditor guidance that says what separates level 2 from level 3', () => {
    const missing = criteria().filter((criterion) => !/level 2/i.test(criterion.auditorGuidance?.twoVersusThree ?? '')).map((criterion) => criterion.id);
    expect(missing).toEqual([]);
  });
});
