/**
 * Properties of the engine under the guide 2.0 rules (issue 14), on random ratings:
 * - raising one rating never lowers the score or the band (with or without a profile);
 * - the same ratings give the same result in en, es and de;
 * - under a formatVersion 2 framework no band is Ready with a critical criterion below 3, and any
 *   critical criterion below 2 means Not ready;
 * - the certain band of incomplete ratings agrees with trying every completion, on small frameworks.
 * They run on the format 2 test guide and the guide 1.0, and on the real guide 2.0 once it exists.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerMap, ScoredAnswer } from '../../../../shared/assessment/answer';
import { criteriaOf, frameworkSchema, languages, type Framework, type Language, type Level, type Thresholds } from '../../../../shared/framework/schema';
import { bandRank, certainBand, scoreAssessment, structureForProfile, type FrameworkStructure } from '../../../../shared/scoring';
import { guide2Fixture, realGuide2, realGuide2Exists, realGuide2Languages } from '../../../support/guide2-factory';
import { templatesDir } from '../../../support/paths';
import { levelArb, thresholdsArb } from './arbitraries';
import { criterion, criterionId, dimension, framework, notApplicable, rated } from './factories';

const guide1 = async (language: Language): Promise<Framework> =>
  frameworkSchema.parse(JSON.parse(await readFile(join(templatesDir, 'frameworks/trustbridge-guide', `${language}.json`), 'utf8')));

/** The guides to test, by language: the test guide 2, the guide 1.0, and the real 2.0 when there. */
async function guides(): Promise<Array<{ name: string; byLanguage: Partial<Record<Language, Framework>> & { en: Framework } }>> {
  const load = async (get: (language: Language) => Promise<Framework> | Framework, from: readonly Language[] = languages) =>
    Object.fromEntries(await Promise.all(from.map(async (language) => [language, await get(language)] as const))) as Record<Language, Framework>;
  const list = [
    { name: 'test guide 2', byLanguage: await load((language) => guide2Fixture(language)) },
    { name: 'guide 1.0', byLanguage: await load(guide1) },
  ];
  // Until the translations of the real 2.0 arrive, the languages there are compared.
  if (realGuide2Exists()) list.push({ name: 'real guide 2.0', byLanguage: await load(realGuide2, realGuide2Languages()) });
  return list;
}

/** Answers for a framework's criteria: mostly levels, some missing, some N/A (even where not allowed). */
function answersArb(fw: FrameworkStructure): fc.Arbitrary<Record<string, ScoredAnswer>> {
  const ids = criteriaOf(fw).map((c) => c.id);
  const one: fc.Arbitrary<ScoredAnswer | undefined> = fc.oneof(
    { weight: 8, arbitrary: levelArb.map(rated) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(notApplicable('Not offered here.')) },
  );
  return fc.tuple(...ids.map(() => one)).map((answers) => {
    const map: Record<string, ScoredAnswer> = {};
    answers.forEach((answer, i) => {
      if (answer) map[ids[i]!] = answer;
    });
    return map;
  });
}

const profileArb = (fw: Framework): fc.Arbitrary<string | undefined> => fc.constantFrom(undefined, ...(fw.profiles ?? []).map((p) => p.id));

const guideList = await guides();
if (!realGuide2Exists()) {
  it.skip('the real guide 2.0 is not there yet (templates/frameworks/trustbridge-guide-2): its properties are skipped', () => undefined);
}

describe.each(guideList.map((g) => [g.name, g] as const))('%s', (_name, guide) => {
  const fw = guide.byLanguage.en;

  it('raising one rating never lowers the score or the band', () => {
    fc.assert(
      fc.property(
        profileArb(fw).chain((profile) => {
          const structure = structureForProfile(fw, profile);
          return fc.tuple(fc.constant(structure), answersArb(structure), fc.nat());
        }),
        ([structure, answers, pick]) => {
          const ratedIds = Object.entries(answers).filter(([, a]) => !a.notApplicable && a.level !== null && a.level < 4).map(([id]) => id);
          fc.pre(ratedIds.length > 0);
          const id = ratedIds[pick % ratedIds.length]!;
          const raised = { ...answers, [id]: rated((answers[id]!.level! + 1) as Level) };
          const before = scoreAssessment(structure, answers);
          const after = scoreAssessment(structure, raised);
          expect(after.overall!).toBeGreaterThanOrEqual(before.overall! - 1e-9);
          expect(bandRank(after.band)).toBeGreaterThanOrEqual(bandRank(before.band));
          const certainBefore = certainBand(structure, answers);
          const certainAfter = certainBand(structure, raised);
          if (certainBefore !== null && certainAfter !== null) expect(bandRank(certainAfter)).toBeGreaterThanOrEqual(bandRank(certainBefore));
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`the same ratings give the same result in ${Object.keys(guide.byLanguage).join(', ')}`, () => {
    fc.assert(
      fc.property(profileArb(fw), answersArb(fw), (profile, answers) => {
        const [en, ...others] = Object.values(guide.byLanguage).map((translation) => {
          const score = scoreAssessment(structureForProfile(translation, profile), answers);
          return { overall: score.overall, band: score.band, blockers: score.blockers, complete: score.complete, dimensions: score.dimensions };
        });
        for (const other of others) expect(other).toEqual(en);
      }),
      { numRuns: 100 },
    );
  });

  it.runIf(fw.formatVersion === 2)('no band is Ready with a critical criterion below 3; any critical below 2 is Not ready', () => {
    fc.assert(
      fc.property(
        profileArb(fw).chain((profile) => {
          const structure = structureForProfile(fw, profile);
          return fc.tuple(fc.constant(structure), answersArb(structure));
        }),
        ([structure, answers]) => {
          const score = scoreAssessment(structure, answers);
          const critical = score.criteria.filter((c) => c.critical && c.level !== null);
          if (score.band === 'ready') expect(critical.every((c) => c.level! >= 3)).toBe(true);
          if (critical.some((c) => c.level! < 2)) expect(score.band).toBe('not-ready');
          // A certain Ready needs every applicable critical criterion answered at 3 or above.
          if (certainBand(structure, answers, score) === 'ready') {
            expect(score.criteria.filter((c) => c.critical && c.status !== 'not-applicable').every((c) => c.level !== null && c.level >= 3)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('under any formatVersion 2 thresholds', () => {
  const v2Thresholds: fc.Arbitrary<Thresholds> = fc
    .record({ ready: fc.integer({ min: 0, max: 75 }), conditionalShare: fc.double({ min: 0, max: 1, noNaN: true }), blockerBelowLevel: fc.constantFrom(3, 4), largeGapLevels: fc.integer({ min: 1, max: 4 }) })
    .chain((t) =>
      fc.constantFrom(...([2, 3, 4] as const).filter((level) => level <= t.blockerBelowLevel)).map((conditionalMinCriticalLevel) => ({
        ready: t.ready,
        conditional: Math.floor(t.ready * t.conditionalShare),
        blockerBelowLevel: t.blockerBelowLevel as Level,
        conditionalMinCriticalLevel: conditionalMinCriticalLevel as Level,
        largeGapLevels: t.largeGapLevels,
      })),
    );

  it('the schema accepts them, and no band is Ready with a critical criterion below 3', () => {
    const base = guide2Fixture();
    fc.assert(
      fc.property(v2Thresholds.chain((thresholds) => fc.tuple(fc.constant(thresholds), answersArb(base))), ([thresholds, answers]) => {
        const fw = { ...base, thresholds };
        expect(frameworkSchema.safeParse(fw).success).toBe(true);
        const score = scoreAssessment(fw, answers);
        if (score.band === 'ready') expect(score.criteria.every((c) => !c.critical || c.level === null || c.level >= 3)).toBe(true);
        // Level 3 everywhere is Ready only when 3 is not below the blocker level.
        const allThree = scoreAssessment(fw, Object.fromEntries(criteriaOf(fw).map((c) => [c.id, rated(3)])));
        if (thresholds.blockerBelowLevel === 3) expect(allThree.band).toBe('ready');
      }),
      { numRuns: 200 },
    );
  });
});

describe('the certain band of incomplete ratings', () => {
  /** Small frameworks: up to two dimensions of up to three criteria, any thresholds, some that may not be N/A. */
  const smallCase = fc
    .record({
      thresholds: thresholdsArb,
      dimensions: fc.array(
        fc.record({
          weight: fc.integer({ min: 1, max: 5 }),
          criteria: fc.array(
            fc.record({ weight: fc.integer({ min: 1, max: 5 }), critical: fc.boolean(), naAllowed: fc.boolean(), answer: fc.option(fc.oneof({ weight: 5, arbitrary: levelArb.map(rated) }, { weight: 1, arbitrary: fc.constant(notApplicable('Reason.')) }), { freq: 3 }) }),
            { minLength: 1, maxLength: 3 },
          ),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .map(({ thresholds, dimensions }) => {
      const answers: Record<string, ScoredAnswer> = {};
      const built = dimensions.map((spec, d) => {
        const dimensionId = `D${String.fromCharCode(65 + d)}`;
        return dimension(
          dimensionId,
          spec.weight,
          ...spec.criteria.map((c, i) => {
            const id = criterionId(dimensionId, i + 1);
            if (c.answer !== null) answers[id] = c.answer;
            return criterion(id, { weight: c.weight, critical: c.critical, ...(c.naAllowed ? {} : { allowsNotApplicable: false }) });
          }),
        );
      });
      return { fw: framework(built, { thresholds }), answers };
    });

  /** Every way to answer the missing criteria with a level. */
  function completions(fw: FrameworkStructure, answers: AnswerMap): AnswerMap[] {
    const score = scoreAssessment(fw, answers);
    const missing = score.criteria.filter((c) => c.status === 'missing').map((c) => c.criterionId);
    let all: AnswerMap[] = [answers];
    for (const id of missing) all = all.flatMap((partial) => ([0, 1, 2, 3, 4] as const).map((level) => ({ ...partial, [id]: rated(level) })));
    return all;
  }

  it('is given exactly when every completion has that band', () => {
    fc.assert(
      fc.property(smallCase, ({ fw, answers }) => {
        const bands = new Set(completions(fw, answers).map((answered) => scoreAssessment(fw, answered).band));
        const certain = certainBand(fw, answers);
        if (certain === null) expect(bands.size).toBeGreaterThan(1);
        else expect([...bands]).toEqual([certain]);
      }),
      { numRuns: 300 },
    );
  });
});
