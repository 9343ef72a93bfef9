/**
 * The framework model: the guide to trustworthy partnership, or a consortium's own version of it,
 * as data. A framework file is plain JSON validated by `frameworkSchema`; the same schema is
 * published as JSON Schema (docs/schemas/framework.schema.json) so a consortium can edit framework
 * files with any editor that understands JSON Schema.
 */
import { z } from 'zod';

/** The languages TrustBridge ships its interface, guide and reports in. */
export const languages = ['en', 'es', 'de'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

/** Maturity levels: 0 not in place, 1 initial, 2 developing, 3 established, 4 exemplary. */
export const levelValues = [0, 1, 2, 3, 4] as const;
export const levelSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Level = z.infer<typeof levelSchema>;
export const maxLevel = 4;

const text = (max: number) => z.string().trim().min(1).max(max);

export const dimensionIdPattern = /^[A-Z]{2,4}$/;
/** `QA-03` style: the dimension's code, a hyphen, two digits. Stable across versions and languages. */
export const criterionIdPattern = /^[A-Z]{2,4}-\d{2}$/;

/**
 * The legal and policy instruments a criterion can cite. The `locator` of a source says where in
 * the instrument (a standard, a principle, an article); the UI and reports show the instrument's
 * short name from the translation files.
 */
export const sourceInstruments = [
  'eu-rec-2022', // Council Recommendation of 16 June 2022 on micro-credentials (2022/C 243/02)
  'esg-2015', // Standards and Guidelines for Quality Assurance in the EHEA (2015)
  'lrc-1997', // Lisbon Recognition Convention
  'gdpr', // Regulation (EU) 2016/679
  'eidas', // Regulation (EU) No 910/2014
  'ects-2015', // ECTS Users' Guide 2015
  'eqf-2017', // Council Recommendation on the European Qualifications Framework
  'ea-jp-2015', // European Approach for Quality Assurance of Joint Programmes
  'unesco-oecd-2005', // Guidelines for Quality Provision in Cross-border Higher Education
  'ewp', // Erasmus Without Paper specifications
  'elm', // European Learning Model / Europass Digital Credentials
  'open-badges-3', // 1EdTech Open Badges 3.0
  'enqa-2023', // ENQA, Quality Assurance of Micro-credentials (2023)
  'microbol-2022', // MICROBOL Common Framework for Micro-credentials in the EHEA
  'eadtu-2022', // EADTU models and guidelines for joint micro-credential programmes
  'eqar', // EQAR register and DEQAR database
  'other',
] as const;
export const sourceInstrumentSchema = z.enum(sourceInstruments);
export type SourceInstrument = z.infer<typeof sourceInstrumentSchema>;

export const sourceSchema = z.strictObject({
  instrument: sourceInstrumentSchema,
  /** Where in the instrument, in the framework's language: "Standard 1.9", "Art. 26", "Principle 7: Portable". */
  locator: text(200),
});
export type Source = z.infer<typeof sourceSchema>;

export const criterionSchema = z.strictObject({
  id: z.string().regex(criterionIdPattern, 'must look like QA-03: the dimension code, a hyphen and two digits'),
  title: text(160),
  /** What good looks like, written so a QA officer can check it. */
  guidance: text(2000),
  /** One descriptor per level, index = level (0 not in place … 4 exemplary). */
  levels: z.tuple([text(600), text(600), text(600), text(600), text(600)]),
  evidenceExamples: z.array(text(300)).min(1).max(12),
  /** Relative weight within the dimension. Scaling every weight by the same factor changes no score. */
  weight: z.number().positive().max(100),
  /** A critical criterion below the framework's blocker level blocks readiness. */
  critical: z.boolean(),
  sources: z.array(sourceSchema).min(1).max(12),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const dimensionSchema = z.strictObject({
  id: z.string().regex(dimensionIdPattern, 'must be two to four capital letters, like QA'),
  title: text(120),
  summary: text(1000),
  /** Relative weight of the dimension in the overall score. */
  weight: z.number().positive().max(100),
  criteria: z.array(criterionSchema).min(1).max(60),
});
export type Dimension = z.infer<typeof dimensionSchema>;

export const scaleLevelSchema = z.strictObject({
  value: levelSchema,
  label: text(60),
  meaning: text(400),
});

export const thresholdsSchema = z.strictObject({
  /** Overall score (percent) at or above which a side is ready, when nothing blocks. */
  ready: z.number().min(0).max(100),
  /** Overall score (percent) at or above which a side is ready with conditions. */
  conditional: z.number().min(0).max(100),
  /** A critical criterion rated below this level is a blocker. */
  blockerBelowLevel: levelSchema,
  /** "Ready with conditions" is only possible when no critical criterion is below this level. */
  conditionalMinCriticalLevel: levelSchema,
  /** A self/peer gap of this many levels or more is flagged. */
  largeGapLevels: z.number().int().min(1).max(4),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const retiredCriterionSchema = z.strictObject({
  id: z.string().regex(criterionIdPattern),
  retiredInVersion: text(20),
  reason: z.string().max(500).optional(),
});

export const frameworkVersionPattern = /^\d+\.\d+(\.\d+)?$/;
export const frameworkIdPattern = /^[a-z0-9][a-z0-9-]{2,63}$/;

export const frameworkSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal('trustbridge-framework'),
    formatVersion: z.literal(1),
    id: z.string().regex(frameworkIdPattern, 'must be 3–64 lower-case letters, digits and hyphens'),
    version: z.string().regex(frameworkVersionPattern, 'must look like 1.0 or 1.2.3'),
    language: languageSchema,
    title: text(200),
    summary: text(2000),
    publisher: text(200),
    /** The framework this one was cloned from, if any. */
    basedOn: z
      .strictObject({ id: z.string(), version: z.string(), fingerprint: z.string().regex(/^[0-9a-f]{64}$/) })
      .optional(),
    /** How long an assessment made with this framework stays valid. */
    validityMonths: z.number().int().min(1).max(120),
    scale: z.tuple([scaleLevelSchema, scaleLevelSchema, scaleLevelSchema, scaleLevelSchema, scaleLevelSchema]),
    thresholds: thresholdsSchema,
    dimensions: z.array(dimensionSchema).min(1).max(30),
    /** Identifiers taken out of use. A retired identifier is never given to a new criterion. */
    retired: z.array(retiredCriterionSchema).max(500),
  })
  // Cross-field rules run even when other fields are invalid, so a framework file's author sees
  // every problem at once; the rule reads defensively for that reason.
  .superRefine((fw, ctx) => crossFieldIssues(fw as unknown as LooseFramework, ctx), { when: (payload) => isObject(payload.value) });

type LooseFramework = {
  scale?: unknown;
  thresholds?: Partial<Record<string, unknown>>;
  dimensions?: unknown;
  retired?: unknown;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function crossFieldIssues(fw: LooseFramework, ctx: z.RefinementCtx): void {
  asArray(fw.scale).forEach((level, index) => {
    if (isObject(level) && typeof level['value'] === 'number' && level['value'] !== index) {
      ctx.addIssue({ code: 'custom', path: ['scale', index, 'value'], message: `must be ${index}` });
    }
  });
  const thresholds = isObject(fw.thresholds) ? fw.thresholds : {};
  const num = (key: string) => (typeof thresholds[key] === 'number' ? (thresholds[key] as number) : undefined);
  const ready = num('ready');
  const conditional = num('conditional');
  if (ready !== undefined && conditional !== undefined && conditional > ready) {
    ctx.addIssue({ code: 'custom', path: ['thresholds', 'conditional'], message: 'must not be higher than the "ready" threshold' });
  }
  const blockerBelow = num('blockerBelowLevel');
  const conditionalMin = num('conditionalMinCriticalLevel');
  if (blockerBelow !== undefined && conditionalMin !== undefined && conditionalMin > blockerBelow) {
    ctx.addIssue({
      code: 'custom',
      path: ['thresholds', 'conditionalMinCriticalLevel'],
      message: 'must not be higher than blockerBelowLevel, or a side could be ready while failing the bar for "ready with conditions"',
    });
  }
  const dimensionIds = new Set<string>();
  const criterionIds = new Set<string>();
  asArray(fw.dimensions).forEach((dimension, d) => {
    if (!isObject(dimension)) return;
    const dimensionId = stringOf(dimension['id']);
    if (dimensionId !== undefined) {
      if (dimensionIds.has(dimensionId)) ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'id'], message: `duplicate dimension ${dimensionId}` });
      dimensionIds.add(dimensionId);
    }
    asArray(dimension['criteria']).forEach((criterion, c) => {
      const criterionId = isObject(criterion) ? stringOf(criterion['id']) : undefined;
      if (criterionId === undefined) return;
      const path = ['dimensions', d, 'criteria', c, 'id'];
      if (criterionIds.has(criterionId)) ctx.addIssue({ code: 'custom', path, message: `duplicate criterion ${criterionId}` });
      criterionIds.add(criterionId);
      if (dimensionId !== undefined && !criterionId.startsWith(`${dimensionId}-`)) {
        ctx.addIssue({ code: 'custom', path, message: `must start with its dimension's code ${dimensionId}-` });
      }
    });
  });
  const retiredIds = new Set<string>();
  asArray(fw.retired).forEach((retired, r) => {
    const retiredId = isObject(retired) ? stringOf(retired['id']) : undefined;
    if (retiredId === undefined) return;
    if (retiredIds.has(retiredId)) ctx.addIssue({ code: 'custom', path: ['retired', r, 'id'], message: `${retiredId} is retired twice` });
    retiredIds.add(retiredId);
    if (criterionIds.has(retiredId)) {
      ctx.addIssue({ code: 'custom', path: ['retired', r, 'id'], message: `${retiredId} is retired and may not be used by an active criterion` });
    }
  });
}

export type Framework = z.infer<typeof frameworkSchema>;

/** The identity an assessment pins: which framework, which version, which exact content. */
export const frameworkRefSchema = z.strictObject({
  id: z.string().regex(frameworkIdPattern),
  version: z.string().regex(frameworkVersionPattern),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FrameworkRef = z.infer<typeof frameworkRefSchema>;

/** Every criterion of a framework in order, with its dimension. */
export function criteriaOf(framework: Pick<Framework, 'dimensions'>): Array<Criterion & { dimensionId: string }> {
  return framework.dimensions.flatMap((dimension) =>
    dimension.criteria.map((criterion) => ({ ...criterion, dimensionId: dimension.id })),
  );
}
