/**
 * A small version 2.0 of the guide for tests, made from the real 1.0 file so it has real texts:
 * three cooperation profiles, a crosswalk (Annex II principles, Annex I elements, ESG standards and
 * one other source, one citation marked not verified), guidance for auditors on every criterion, N/A
 * refused on the two legal criteria, and a `carriedFrom` mapping from 1.0 in which REC-05 became
 * REC-09, DES-06 was merged into DES-01 (left behind) and GOV-09 is new.
 *
 * `templatesWithGuide2()` writes a templates folder holding the real 1.0 guide and this 2.0, so a
 * core or the e2e harness loads both as built-in versions.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { templatesDir } from './paths';
import { tempFolder } from './temp';

type Json = Record<string, unknown>;
type CriterionJson = Json & { id: string; title: string };
type DimensionJson = Json & { id: string; criteria: CriterionJson[] };

/** Criteria whose N/A the fixture refuses (the legal criteria: recognised status and external QA). */
export const noNaCriteria = ['LEG-01', 'LEG-02'] as const;

export async function guide2FromV1(language: 'en' | 'es' | 'de' = 'en'): Promise<Json> {
  const v1 = JSON.parse(await readFile(join(templatesDir, 'frameworks/trustbridge-guide', `${language}.json`), 'utf8')) as Json & { dimensions: DimensionJson[]; retired: Json[] };
  const covers = (criterion: CriterionJson, d: number, c: number): string[] => [
    `annexII-${String(((d * 3 + c) % 10) + 1).padStart(2, '0')}`,
    `esg-1.${((d + c) % 10) + 1}`,
    ...(criterion.id.startsWith('DES') ? ['annexI-a', 'annexI-b'] : []),
    ...(criterion.id === 'DAT-01' ? ['gdpr-art-35'] : []),
  ];
  const guidance = (id: string) => ({
    verify: `Ask for the policy and the records behind ${id}.`,
    sample: `Sample five files for ${id}, chosen by the auditor.`,
    redFlags: [`No record older than a year for ${id}.`, 'Documents signed by nobody.'],
    twoVersusThree: `Level 3 for ${id} needs the practice shown in records, not only a policy.`,
  });
  const dimensions = v1.dimensions.map((dimension, d) => {
    const criteria = dimension.criteria
      .filter((criterion) => criterion.id !== 'DES-06')
      .map((criterion, c): CriterionJson => ({
        ...criterion,
        id: criterion.id === 'REC-05' ? 'REC-09' : criterion.id,
        ...(noNaCriteria.includes(criterion.id as (typeof noNaCriteria)[number]) ? { allowsNotApplicable: false } : {}),
        covers: covers(criterion, d, c),
        auditorGuidance: guidance(criterion.id),
      }));
    if (dimension.id === 'GOV') {
      const model = dimension.criteria[0]!;
      criteria.push({
        ...(model as CriterionJson),
        id: 'GOV-09',
        title: 'Model agreement and practice with earlier partners',
        critical: false,
        weight: 1,
        covers: ['annexII-10'],
        auditorGuidance: guidance('GOV-09'),
      });
    }
    return { ...dimension, criteria };
  });
  const ids = dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => criterion.id));
  const mapping: Record<string, string> = {};
  for (const id of ids) if (id !== 'GOV-09') mapping[id] = id === 'REC-09' ? 'REC-05' : id;
  const element = (id: string, group: string, title: string, locator: string, verified = true) => ({
    id,
    group,
    title,
    citation: { instrument: group === 'esg' ? 'esg-2015' : group === 'gdpr' ? 'gdpr' : 'eu-rec-2022', locator, ...(group === 'esg' ? {} : { celex: group === 'gdpr' ? '32016R0679' : '32022H0627(02)' }) },
    verified,
  });
  const annexII = Array.from({ length: 10 }, (_, i) => element(`annexII-${String(i + 1).padStart(2, '0')}`, 'annexII', `Principle ${i + 1}`, `Annex II, principle ${i + 1}`));
  const annexI = 'abcdefghijk'.split('').map((letter) => element(`annexI-${letter}`, 'annexI', `Element (${letter})`, `Annex I, element (${letter})`));
  const esg = Array.from({ length: 10 }, (_, i) => element(`esg-1.${i + 1}`, 'esg', `Standard 1.${i + 1}`, `Part 1, standard 1.${i + 1}`));
  return {
    ...v1,
    formatVersion: 2,
    version: '2.0',
    thresholds: { ready: 75, conditional: 50, blockerBelowLevel: 3, conditionalMinCriticalLevel: 2, largeGapLevels: 2 },
    dimensions,
    retired: [
      ...v1.retired,
      { id: 'DES-06', retiredInVersion: '2.0', reason: 'Merged into DES-01.' },
      { id: 'REC-05', retiredInVersion: '2.0', reason: 'Now REC-09.' },
    ],
    profiles: [
      { id: 'mutual-recognition', title: 'Mutual recognition', summary: 'Each side recognises the other’s micro-credentials.', excluded: ['GOV-07', 'DES-07'] },
      { id: 'joint-micro-credential', title: 'Joint micro-credential', summary: 'Both sides award one micro-credential together.', excluded: [], overrides: { 'DES-04': { weight: 3, critical: true } } },
      { id: 'stacking', title: 'Stacking into a programme', summary: 'A partner’s micro-credentials count towards one’s own programme.', excluded: ['GOV-05'] },
    ],
    sourceElements: [...annexII, ...annexI, ...esg, element('gdpr-art-35', 'gdpr', 'Data protection impact assessment', 'Art. 35', false)],
    carriedFrom: [{ id: 'trustbridge-guide', version: '1.0', criteria: mapping }],
  };
}

/** A templates folder with the real templates and the 2.0 fixture beside the real 1.0 guide. */
export async function templatesWithGuide2(): Promise<Awaited<ReturnType<typeof tempFolder>>> {
  const folder = await tempFolder();
  await cp(templatesDir, folder.path, { recursive: true });
  const target = join(folder.path, 'frameworks/trustbridge-guide-2');
  await mkdir(target, { recursive: true });
  for (const language of ['en', 'es', 'de'] as const) {
    await writeFile(join(target, `${language}.json`), JSON.stringify(await guide2FromV1(language), null, 2));
  }
  return folder;
}
