/**
 * A small guide in formatVersion 2, in three languages, for tests of the 2.0 rules that must not
 * wait for (or depend on the wording of) the real guide 2.0 files. Same structure in en, es and
 * de, different words, as the real translations are. It passes `frameworkSchema`
 * (test/unit/shared/framework/schema-v2.test.ts checks that).
 *
 * `realGuide2` reads the real files from templates/frameworks/trustbridge-guide-2 when they exist.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Criterion, Framework, Language, Thresholds } from '../../shared/framework/schema';
import { frameworkSchema } from '../../shared/framework/schema';
import { repoRoot } from './paths';

/** The thresholds of the guide 2.0 (GUIDE2-SPEC.md). */
export const guide2Thresholds: Thresholds = {
  ready: 75,
  conditional: 50,
  blockerBelowLevel: 3,
  conditionalMinCriticalLevel: 2,
  largeGapLevels: 2,
};

const words: Record<Language, { criterion: string; level: string[]; guidance: string; verify: string; profile: string }> = {
  en: { criterion: 'Criterion', level: ['Not in place', 'Initial', 'Developing', 'Established', 'Exemplary'], guidance: 'What good looks like.', verify: 'Ask for the policy.', profile: 'Profile' },
  es: { criterion: 'Criterio', level: ['Inexistente', 'Inicial', 'En desarrollo', 'Consolidado', 'Ejemplar'], guidance: 'Cómo es una buena práctica.', verify: 'Solicite la política.', profile: 'Perfil' },
  de: { criterion: 'Kriterium', level: ['Nicht vorhanden', 'Anfänglich', 'In Entwicklung', 'Etabliert', 'Vorbildlich'], guidance: 'Woran gute Praxis zu erkennen ist.', verify: 'Fordern Sie die Richtlinie an.', profile: 'Profil' },
};

interface CriterionShape {
  id: string;
  weight: number;
  critical: boolean;
  allowsNotApplicable?: boolean;
  covers: string[];
}

/**
 * The structure mirrors the guide's: legal criteria (critical, never N/A), design, data and
 * governance. The ids follow version 1.0 where the fact is the same, so scenarios can be stated
 * with the same ids against both versions.
 */
export const guide2FixtureStructure: Array<{ id: string; weight: number; criteria: CriterionShape[] }> = [
  {
    id: 'LEG',
    weight: 3,
    criteria: [
      { id: 'LEG-01', weight: 3, critical: true, allowsNotApplicable: false, covers: ['annexII-01', 'lrc-art-VI'] },
      { id: 'LEG-02', weight: 3, critical: true, allowsNotApplicable: false, covers: ['esg-1.10', 'annexI-k'] },
      { id: 'LEG-03', weight: 1, critical: false, covers: ['annexII-02'] },
    ],
  },
  {
    id: 'DES',
    weight: 2,
    criteria: [
      { id: 'DES-01', weight: 3, critical: true, covers: ['annexI-a', 'annexI-b', 'annexI-f', 'esg-1.2'] },
      { id: 'DES-02', weight: 2, critical: false, covers: ['esg-1.3', 'annexII-04'] },
      { id: 'DES-03', weight: 1, critical: false, covers: ['annexII-06'] },
    ],
  },
  {
    id: 'DAT',
    weight: 2,
    criteria: [
      { id: 'DAT-01', weight: 2, critical: true, covers: ['gdpr-art-26'] },
      { id: 'DAT-02', weight: 1, critical: false, covers: ['esg-1.7'] },
    ],
  },
  {
    id: 'GOV',
    weight: 1,
    criteria: [
      { id: 'GOV-01', weight: 2, critical: false, covers: ['esg-1.1', 'annexII-10'] },
      { id: 'GOV-02', weight: 1, critical: false, covers: ['esg-1.9'] },
    ],
  },
];

const sourceElementIds: Array<[string, 'annexI' | 'annexII' | 'esg' | 'lrc' | 'gdpr', 'eu-rec-2022' | 'esg-2015' | 'lrc-1997' | 'gdpr']> = [
  ...['01', '02', '04', '06', '10'].map((n): [string, 'annexII', 'eu-rec-2022'] => [`annexII-${n}`, 'annexII', 'eu-rec-2022']),
  ...['a', 'b', 'f', 'k'].map((l): [string, 'annexI', 'eu-rec-2022'] => [`annexI-${l}`, 'annexI', 'eu-rec-2022']),
  ...['1.1', '1.2', '1.3', '1.7', '1.9', '1.10'].map((n): [string, 'esg', 'esg-2015'] => [`esg-${n}`, 'esg', 'esg-2015']),
  ['lrc-art-VI', 'lrc', 'lrc-1997'],
  ['gdpr-art-26', 'gdpr', 'gdpr'],
];

function fixtureCriterion(shape: CriterionShape, language: Language): Criterion {
  const w = words[language];
  return {
    id: shape.id,
    title: `${w.criterion} ${shape.id}`,
    guidance: w.guidance,
    levels: [w.level[0]!, w.level[1]!, w.level[2]!, w.level[3]!, w.level[4]!],
    evidenceExamples: [w.verify],
    weight: shape.weight,
    critical: shape.critical,
    sources: [{ instrument: 'eu-rec-2022', locator: 'Annex II' }],
    ...(shape.allowsNotApplicable === undefined ? {} : { allowsNotApplicable: shape.allowsNotApplicable }),
    covers: shape.covers,
    auditorGuidance: { verify: w.verify, sample: w.verify, redFlags: [w.verify], twoVersusThree: w.guidance },
  };
}

/** The small formatVersion 2 guide in one language. `overrides` replaces top-level members. */
export function guide2Fixture(language: Language = 'en', overrides: Partial<Framework> = {}): Framework {
  const w = words[language];
  return {
    format: 'trustbridge-framework',
    formatVersion: 2,
    id: 'test-guide-two',
    version: '2.0',
    language,
    title: `Test guide 2 (${language})`,
    summary: w.guidance,
    publisher: 'TrustBridge tests',
    validityMonths: 36,
    scale: [0, 1, 2, 3, 4].map((value) => ({ value, label: w.level[value]!, meaning: w.level[value]! })) as Framework['scale'],
    thresholds: guide2Thresholds,
    dimensions: guide2FixtureStructure.map((dimension) => ({
      id: dimension.id,
      title: `${dimension.id}`,
      summary: w.guidance,
      weight: dimension.weight,
      criteria: dimension.criteria.map((shape) => fixtureCriterion(shape, language)),
    })),
    retired: [],
    profiles: [
      { id: 'mutual-recognition', title: `${w.profile} 1`, summary: w.guidance, excluded: ['DES-03'] },
      { id: 'joint-micro-credential', title: `${w.profile} 2`, summary: w.guidance, excluded: [], overrides: { 'DES-02': { weight: 3, critical: true } } },
      { id: 'stacking', title: `${w.profile} 3`, summary: w.guidance, excluded: ['GOV-02'], overrides: { 'DAT-02': { weight: 2 } } },
    ],
    sourceElements: sourceElementIds.map(([id, group, instrument]) => ({
      id,
      group,
      title: id,
      citation: { instrument, locator: id },
      verified: group !== 'lrc',
    })),
    carriedFrom: [{ id: 'trustbridge-guide', version: '1.0', criteria: { 'LEG-01': 'LEG-01', 'LEG-02': 'LEG-02', 'DES-01': 'DES-01' } }],
    ...overrides,
  };
}

/** Where guide-content puts the real guide 2.0. */
export const realGuide2Folder = join(repoRoot, 'templates/frameworks/trustbridge-guide-2');

export const realGuide2Exists = (): boolean => existsSync(join(realGuide2Folder, 'en.json'));

/** The languages the real guide 2.0 has so far (English comes first; the translations follow). */
export const realGuide2Languages = (): Language[] => (['en', 'es', 'de'] as const).filter((language) => existsSync(join(realGuide2Folder, `${language}.json`)));

/** The real guide 2.0 in one language, validated as the app reads it. */
export async function realGuide2(language: Language): Promise<Framework> {
  const text = await readFile(join(realGuide2Folder, `${language}.json`), 'utf8');
  return frameworkSchema.parse(JSON.parse(text));
}
