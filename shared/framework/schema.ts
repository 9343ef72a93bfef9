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

const dimensionIdPattern = /^[A-Z]{2,4}$/;
/** `QA-03` style: the dimension's code, a hyphen, two digits. Stable across versions and languages. */
const criterionIdPattern = /^[A-Z]{2,4}-\d{2}$/;

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
  'eidas-2', // Regulation (EU) 2024/1183: the European Digital Identity Framework and Wallet
  'ai-act', // Regulation (EU) 2024/1689, the Artificial Intelligence Act
  'ects-2015', // ECTS Users' Guide 2015
  'eqf-2017', // Council Recommendation on the European Qualifications Framework
  'ea-jp-2015', // European Approach for Quality Assurance of Joint Programmes
  'unesco-oecd-2005', // Guidelines for Quality Provision in Cross-border Higher Education
  'ewp', // Erasmus Without Paper specifications
  'elm', // European Learning Model / European Digital Credentials for Learning (formerly Europass Digital Credentials)
  'open-badges-3', // 1EdTech Open Badges 3.0
  'enqa-2023', // ENQA, Quality Assurance of Micro-credentials (2023)
  'microbol-2022', // MICROBOL Common Framework for Micro-credentials in the EHEA
  'eadtu-2022', // EADTU models and guidelines for joint micro-credential programmes
  'eqar', // EQAR register and DEQAR database
  'other',
] as const;
const sourceInstrumentSchema = z.enum(sourceInstruments);
export type SourceInstrument = z.infer<typeof sourceInstrumentSchema>;

const sourceSchema = z.strictObject({
  instrument: sourceInstrumentSchema,
  /** Where in the instrument, in the framework's language: "Standard 1.9", "Art. 26", "Principle 7: Portable". */
  locator: text(200),
});

/** `annexII-01`, `esg-1.9`, `gdpr-art-35`: stable across versions and languages. */
const sourceElementIdPattern = /^[a-z][a-zA-Z0-9.-]{1,40}$/;

/**
 * What the criteria of a framework say they cover (formatVersion 2): how a criterion verifies
 * the sources, so the app can show which source element is covered by which criterion.
 */
const auditorGuidanceSchema = z.strictObject({
  /** Documents to ask for. */
  verify: text(1500),
  /** What to sample, and how many. */
  sample: text(800),
  redFlags: z.array(text(300)).min(1).max(8),
  /** What distinguishes level 2 from level 3: the line between "Ready with conditions" and "Ready". */
  twoVersusThree: text(800),
});
export type AuditorGuidance = z.infer<typeof auditorGuidanceSchema>;

const criterionSchema = z.strictObject({
  id: z.string().regex(criterionIdPattern, 'must look like QA-03: the dimension code, a hyphen and two digits'),
  title: text(160),
  /** What good looks like, written so a QA officer can check it. */
  guidance: text(2000),
  /** One descriptor per level, index = level (0 not in place … 4 exemplary). */
  levels: z.tuple([text(600), text(600), text(600), text(600), text(600)]),
  evidenceExamples: z.array(text(300)).min(1).max(12),
  /** Relative weight within the dimension. Scaling every weight by the same factor changes no score. */
  weight: z.number().positive().max(100),
  /**
   * A critical criterion below the framework's `blockerBelowLevel` blocks Ready; below
   * `conditionalMinCriticalLevel` it blocks Ready with conditions too.
   */
  critical: z.boolean(),
  sources: z.array(sourceSchema).min(1).max(12),
  /**
   * Whether an officer may mark the criterion not applicable; absent means yes. A criterion that
   * may not be N/A and is marked N/A counts as unanswered, and saving or importing it is refused.
   */
  allowsNotApplicable: z.boolean().optional(),
  /** The `sourceElements` ids this criterion covers (formatVersion 2: required, at least one). */
  covers: z.array(z.string().regex(sourceElementIdPattern)).min(1).max(40).optional(),
  /** How an auditor verifies this criterion (formatVersion 2: required). */
  auditorGuidance: auditorGuidanceSchema.optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

const dimensionSchema = z.strictObject({
  id: z.string().regex(dimensionIdPattern, 'must be two to four capital letters, like QA'),
  title: text(120),
  summary: text(1000),
  /** Relative weight of the dimension in the overall score. */
  weight: z.number().positive().max(100),
  criteria: z.array(criterionSchema).min(1).max(60),
});
export type Dimension = z.infer<typeof dimensionSchema>;

const scaleLevelSchema = z.strictObject({
  value: levelSchema,
  label: text(60),
  meaning: text(400),
});

const thresholdsSchema = z.strictObject({
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

const retiredCriterionSchema = z.strictObject({
  id: z.string().regex(criterionIdPattern),
  retiredInVersion: text(20),
  reason: z.string().max(500).optional(),
});

export const frameworkVersionPattern = /^\d+\.\d+(\.\d+)?$/;
export const frameworkIdPattern = /^[a-z0-9][a-z0-9-]{2,63}$/;

export const profileIdPattern = /^[a-z][a-z0-9-]{1,40}$/;

/**
 * A cooperation profile (formatVersion 2): the kind of cooperation an assessment is made for.
 * Excluded criteria are not part of an assessment under the profile at all (they are not N/A);
 * overrides change a criterion's weight or critical flag for the profile.
 */
const profileSchema = z.strictObject({
  id: z.string().regex(profileIdPattern, 'must be 2–41 lower-case letters, digits and hyphens, starting with a letter'),
  title: text(120),
  summary: text(1000),
  excluded: z.array(z.string().regex(criterionIdPattern)).max(500),
  overrides: z
    .record(
      z.string().regex(criterionIdPattern),
      z.strictObject({ weight: z.number().positive().max(100).optional(), critical: z.boolean().optional() }),
    )
    .optional(),
});
export type Profile = z.infer<typeof profileSchema>;

const sourceElementGroups = ['annexI', 'annexII', 'esg', 'ea-jp', 'lrc', 'gdpr', 'ai-act', 'eidas', 'other'] as const;

/** One element of a source (an Annex II principle, an ESG standard, an article): the crosswalk's vocabulary. */
const sourceElementSchema = z.strictObject({
  id: z.string().regex(sourceElementIdPattern, 'must start with a lower-case letter: letters, digits, dots and hyphens, like annexII-01'),
  group: z.enum(sourceElementGroups),
  title: text(200),
  citation: z.strictObject({
    instrument: sourceInstrumentSchema,
    locator: text(200),
    celex: z.string().trim().min(1).max(40).optional(),
    eli: z.url().max(300).optional(),
  }),
  /** False where the citation could not be checked against the text of the instrument. */
  verified: z.boolean(),
});
export type SourceElement = z.infer<typeof sourceElementSchema>;

/** How answers made with an earlier version carry over: new criterion id → old criterion id. */
const carriedFromSchema = z.strictObject({
  id: z.string().regex(frameworkIdPattern),
  version: z.string().regex(frameworkVersionPattern),
  criteria: z.record(z.string().regex(criterionIdPattern), z.string().regex(criterionIdPattern)),
});
export type CarriedFrom = z.infer<typeof carriedFromSchema>;

/** formatVersion 2 thresholds: a critical criterion at 2 never reads Ready, below 2 is Not ready. */
const v2ThresholdRules = { minBlockerBelowLevel: 3, minConditionalMinCriticalLevel: 2, maxReady: 75 } as const;


export const frameworkSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal('trustbridge-framework'),
    /** 1: the guide 1.0's format. 2: profiles, the crosswalk and auditor guidance are required, with stricter rules. */
    formatVersion: z.union([z.literal(1), z.literal(2)]),
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
    /** Cooperation profiles (formatVersion 2: at least three). */
    profiles: z.array(profileSchema).max(20).optional(),
    /** The source elements criteria cover (formatVersion 2: required). */
    sourceElements: z.array(sourceElementSchema).max(500).optional(),
    /** Criterion mappings from earlier versions, for carrying answers over. */
    carriedFrom: z.array(carriedFromSchema).max(20).optional(),
  })
  // Cross-field rules run even when other fields are invalid, so a framework file's author sees
  // every problem at once; the rule reads defensively for that reason.
  .superRefine((fw, ctx) => crossFieldIssues(fw as unknown as LooseFramework, ctx), { when: (payload) => isObject(payload.value) });

type LooseFramework = {
  formatVersion?: unknown;
  profiles?: unknown;
  sourceElements?: unknown;
  carriedFrom?: unknown;
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
  const sourceElementIds = new Set<string>();
  asArray(fw.sourceElements).forEach((element, e) => {
    const elementId = isObject(element) ? stringOf(element['id']) : undefined;
    if (elementId === undefined) return;
    if (sourceElementIds.has(elementId)) ctx.addIssue({ code: 'custom', path: ['sourceElements', e, 'id'], message: `duplicate source element ${elementId}` });
    sourceElementIds.add(elementId);
  });
  const v2 = fw.formatVersion === 2;
  criterionEntries(fw).forEach(({ criterion, path }) => {
    if (v2 && criterion['covers'] === undefined) ctx.addIssue({ code: 'custom', path: [...path, 'covers'], message: 'is required in formatVersion 2: list the source elements this criterion covers' });
    if (v2 && criterion['auditorGuidance'] === undefined) ctx.addIssue({ code: 'custom', path: [...path, 'auditorGuidance'], message: 'is required in formatVersion 2' });
    asArray(criterion['covers']).forEach((covered, k) => {
      if (typeof covered === 'string' && !sourceElementIds.has(covered)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'covers', k], message: `${covered} is not one of the framework's sourceElements` });
      }
    });
  });
  profileIssues(fw, criterionIds, ctx);
  asArray(fw.carriedFrom).forEach((mapping, m) => {
    const criteria = isObject(mapping) && isObject(mapping['criteria']) ? mapping['criteria'] : {};
    for (const newId of Object.keys(criteria)) {
      if (!criterionIds.has(newId)) ctx.addIssue({ code: 'custom', path: ['carriedFrom', m, 'criteria', newId], message: `${newId} is not a criterion of this framework` });
    }
  });
  if (v2) v2Issues(fw, thresholds, ctx);
  else {
    for (const key of ['profiles', 'sourceElements', 'carriedFrom'] as const) {
      if (fw[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'needs "formatVersion": 2' });
    }
    criterionEntries(fw).forEach(({ criterion, path }) => {
      for (const key of ['allowsNotApplicable', 'covers', 'auditorGuidance']) {
        if (criterion[key] !== undefined) ctx.addIssue({ code: 'custom', path: [...path, key], message: 'needs "formatVersion": 2' });
      }
    });
  }
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

function criterionEntries(fw: LooseFramework): Array<{ criterion: Record<string, unknown>; path: Array<string | number> }> {
  return asArray(fw.dimensions).flatMap((dimension, d) =>
    isObject(dimension)
      ? asArray(dimension['criteria']).flatMap((criterion, c) => (isObject(criterion) ? [{ criterion, path: ['dimensions', d, 'criteria', c] }] : []))
      : [],
  );
}

function profileIssues(fw: LooseFramework, criterionIds: ReadonlySet<string>, ctx: z.RefinementCtx): void {
  const profileIds = new Set<string>();
  asArray(fw.profiles).forEach((profile, p) => {
    if (!isObject(profile)) return;
    const profileId = stringOf(profile['id']);
    if (profileId !== undefined) {
      if (profileIds.has(profileId)) ctx.addIssue({ code: 'custom', path: ['profiles', p, 'id'], message: `duplicate profile ${profileId}` });
      profileIds.add(profileId);
    }
    const excluded = new Set<string>();
    asArray(profile['excluded']).forEach((id, k) => {
      if (typeof id !== 'string') return;
      const path = ['profiles', p, 'excluded', k];
      if (!criterionIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `${id} is not a criterion of this framework` });
      if (excluded.has(id)) ctx.addIssue({ code: 'custom', path, message: `${id} is excluded twice` });
      excluded.add(id);
    });
    if (criterionIds.size > 0 && [...criterionIds].every((id) => excluded.has(id))) {
      ctx.addIssue({ code: 'custom', path: ['profiles', p, 'excluded'], message: 'excludes every criterion: a profile must leave at least one' });
    }
    for (const id of Object.keys(isObject(profile['overrides']) ? profile['overrides'] : {})) {
      const path = ['profiles', p, 'overrides', id];
      if (!criterionIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `${id} is not a criterion of this framework` });
      else if (excluded.has(id)) ctx.addIssue({ code: 'custom', path, message: `${id} is excluded by this profile, so it cannot be overridden` });
    }
  });
}

/** The rules only formatVersion 2 has: what the guide 2.0's decision rules and crosswalk need. */
function v2Issues(fw: LooseFramework, thresholds: Partial<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  if (asArray(fw.profiles).length < 3) {
    ctx.addIssue({ code: 'custom', path: ['profiles'], message: 'formatVersion 2 needs at least three cooperation profiles' });
  }
  if (fw.sourceElements === undefined) {
    ctx.addIssue({ code: 'custom', path: ['sourceElements'], message: 'is required in formatVersion 2: the source elements the criteria cover' });
  }
  const num = (key: string) => (typeof thresholds[key] === 'number' ? (thresholds[key] as number) : undefined);
  const blockerBelow = num('blockerBelowLevel');
  if (blockerBelow !== undefined && blockerBelow < v2ThresholdRules.minBlockerBelowLevel) {
    ctx.addIssue({
      code: 'custom',
      path: ['thresholds', 'blockerBelowLevel'],
      message: `must be ${v2ThresholdRules.minBlockerBelowLevel} or more in formatVersion 2: Ready needs every critical criterion at level 3 or above`,
    });
  }
  const conditionalMin = num('conditionalMinCriticalLevel');
  if (conditionalMin !== undefined && conditionalMin < v2ThresholdRules.minConditionalMinCriticalLevel) {
    ctx.addIssue({
      code: 'custom',
      path: ['thresholds', 'conditionalMinCriticalLevel'],
      message: `must be ${v2ThresholdRules.minConditionalMinCriticalLevel} or more in formatVersion 2: a critical criterion below 2 means Not ready`,
    });
  }
  const ready = num('ready');
  if (ready !== undefined && ready > v2ThresholdRules.maxReady) {
    ctx.addIssue({
      code: 'custom',
      path: ['thresholds', 'ready'],
      message: `must be ${v2ThresholdRules.maxReady} or less in formatVersion 2, so that level 3 everywhere is Ready`,
    });
  }
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
