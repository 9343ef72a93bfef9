/**
 * What the words say is what the engine does: each sentence about critical criteria is worded
 * from the framework's thresholds, and checked here against the band the engine gives at the
 * level it names and one below.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criteriaOf, frameworkSchema, languages, type Framework, type Level } from '../../../../shared/framework/schema';
import { translate } from '../../../../shared/i18n';
import { decisionRuleSentences, scoreAssessment } from '../../../../shared/scoring';
import { guide2Fixture } from '../../../support/guide2-factory';
import { templatesDir } from '../../../support/paths';
import { rated } from './factories';

const guide1 = async (): Promise<Framework> =>
  frameworkSchema.parse(JSON.parse(await readFile(join(templatesDir, 'frameworks/trustbridge-guide/en.json'), 'utf8')));

/** The band with every criterion at 4 except one critical criterion at `level`. */
function bandWithOneCriticalAt(framework: Framework, level: Level) {
  const criteria = criteriaOf(framework);
  const critical = criteria.find((c) => c.critical)!;
  return scoreAssessment(framework, Object.fromEntries(criteria.map((c) => [c.id, rated(c.id === critical.id ? level : 4)]))).band;
}

describe('the decision rules, worded from the thresholds', () => {
  it('guide 1.0: below 2 blocks Ready, below 1 blocks Ready with conditions', async () => {
    const fw = await guide1();
    expect(decisionRuleSentences(fw).map((s) => translate('en', s.key, s.params))).toEqual([
      `A critical criterion rated below level 2 (${fw.scale[2].label}) blocks Ready, whatever the overall score.`,
      `A critical criterion rated below level 1 (${fw.scale[1].label}) also blocks Ready with conditions: the side is Not ready, whatever the overall score.`,
    ]);
  });

  it('guide 2.0: below 3 blocks Ready, below 2 blocks Ready with conditions', () => {
    const fw = guide2Fixture();
    expect(decisionRuleSentences(fw).map((s) => s.params.level)).toEqual([3, 2]);
    expect(translate('de', 'decisionRules.blocksReady', decisionRuleSentences(guide2Fixture('de'))[0]!.params)).toBe(
      'Ein kritisches Kriterium, das unter Stufe 3 (Etabliert) bewertet ist, schließt „Bereit“ aus, unabhängig vom Gesamtergebnis.',
    );
  });

  it.each([
    ['1.0', guide1],
    ['2.0', async () => guide2Fixture()],
  ])('guide %s: each sentence is what the engine does at the level it names and one below', async (_version, load) => {
    const fw = await load();
    for (const sentence of decisionRuleSentences(fw)) {
      const level = sentence.params.level as Level;
      const below = (level - 1) as Level;
      if (sentence.key === 'decisionRules.blocksReady') {
        expect(bandWithOneCriticalAt(fw, below)).not.toBe('ready');
        expect(bandWithOneCriticalAt(fw, level)).toBe('ready');
      } else {
        expect(bandWithOneCriticalAt(fw, below)).toBe('not-ready');
        expect(bandWithOneCriticalAt(fw, level)).not.toBe('not-ready');
      }
    }
  });

  it('every language says it with the level filled in, and none says "readiness" for what only blocks Ready', async () => {
    const fw = await guide1();
    for (const language of languages) {
      for (const sentence of decisionRuleSentences(fw)) {
        const text = translate(language, sentence.key, sentence.params);
        expect(text).not.toMatch(/\{\{|decisionRules\./);
        expect(text).toContain(String(sentence.params.level));
      }
      for (const key of ['review.blockersHelp', 'review.blockersNone', 'editor.critical']) {
        expect(translate(language, key)).not.toMatch(/readiness|la preparación|die Bereitschaft/i);
      }
      expect(translate(language, 'results.blockersTitle', { level: 3 })).toContain('3');
    }
  });

  it('says nothing about a level nobody can be below', () => {
    const fw = guide2Fixture('en', { thresholds: { ...guide2Fixture().thresholds } });
    const lenient = { ...fw, thresholds: { ...fw.thresholds, blockerBelowLevel: 0 as const, conditionalMinCriticalLevel: 0 as const } };
    expect(decisionRuleSentences(lenient)).toEqual([]);
  });
});
