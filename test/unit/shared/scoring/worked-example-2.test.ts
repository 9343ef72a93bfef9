/**
 * The worked example of docs/scoring.md under the guide 2.0 rules (section 16), number for number,
 * and the command output shown in section 14. If this test changes, the document must change too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Criterion, Framework } from '../../../../shared/framework/schema';
import { frameworkSchema } from '../../../../shared/framework/schema';
import { certainBand, notApplicableRefused, roundScore, scoreAssessment, structureForProfile } from '../../../../shared/scoring';
import { runCli } from '../../../../electron/cli/run';
import { guide2Fixture } from '../../../support/guide2-factory';
import { repoRoot } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';
import { notApplicable, rated } from './factories';

const base = guide2Fixture();
const guidance = base.dimensions[0]!.criteria[0]!.auditorGuidance!;
const c = (id: string, weight: number, critical: boolean, extra: Partial<Criterion> = {}): Criterion => ({
  ...base.dimensions[0]!.criteria[2]!,
  id,
  title: `Criterion ${id}`,
  weight,
  critical,
  covers: ['annexII-01'],
  auditorGuidance: guidance,
  ...extra,
});

const example: Framework = {
  ...base,
  dimensions: [
    { id: 'LEG', title: 'Legal standing', summary: 'Legal standing.', weight: 2, criteria: [c('LEG-01', 2, true, { allowsNotApplicable: false }), c('LEG-02', 1, false)] },
    { id: 'DES', title: 'Design', summary: 'Design.', weight: 1, criteria: [c('DES-01', 2, true), c('DES-02', 1, false), c('DES-03', 1, false)] },
  ],
  profiles: [
    { id: 'mutual-recognition', title: 'Mutual recognition', summary: 'Recognising each other’s micro-credentials.', excluded: ['DES-03'] },
    { id: 'joint-micro-credential', title: 'Joint micro-credential', summary: 'One micro-credential, awarded jointly.', excluded: [], overrides: { 'DES-02': { weight: 2, critical: true } } },
    { id: 'stacking', title: 'Stacking', summary: 'Stacking a partner’s micro-credentials.', excluded: [] },
  ],
  carriedFrom: [],
};

const ratingsOfA = { 'LEG-01': rated(3), 'LEG-02': rated(4), 'DES-01': rated(2), 'DES-02': rated(4), 'DES-03': rated(1) };

describe('worked example under the guide 2.0 rules (docs/scoring.md, section 16)', () => {
  it('is a valid format 2 framework with the guide 2.0 thresholds', () => {
    expect(frameworkSchema.parse(example).thresholds).toEqual({ ready: 75, conditional: 50, blockerBelowLevel: 3, conditionalMinCriticalLevel: 2, largeGapLevels: 2 });
  });

  it('step 1, no profile: 83.3 and 56.25, overall 74.3, Ready with conditions with DES-01 blocking Ready', () => {
    const score = scoreAssessment(example, ratingsOfA);
    expect(score.dimensions.map((d) => d.score)).toEqual([(10 / 12) * 100, 56.25]);
    expect(score.overall).toBeCloseTo((2 * (10 / 12) * 100 + 56.25) / 3, 12);
    expect(roundScore(score.overall)).toBe(74.3);
    expect(score.blockers.map((b) => b.criterionId)).toEqual(['DES-01']);
    expect(score.criticalBelowConditional).toEqual([]);
    expect(score.band).toBe('conditional');
  });

  it('step 2, mutual recognition: DES-03 is not part of it; 77.8 reaches 75 but DES-01 still blocks Ready', () => {
    const score = scoreAssessment(structureForProfile(example, 'mutual-recognition'), ratingsOfA);
    expect(roundScore(score.dimensions[1]!.score)).toBe(66.7);
    expect(roundScore(score.overall)).toBe(77.8);
    expect(score.completeness).toEqual({ answered: 4, total: 4, ratio: 1 });
    expect(score.band).toBe('conditional');
  });

  it('step 3, the same profile with DES-01 at 3: 83.3, Ready', () => {
    const score = scoreAssessment(structureForProfile(example, 'mutual-recognition'), { ...ratingsOfA, 'DES-01': rated(3) });
    expect(roundScore(score.dimensions[1]!.score)).toBe(83.3);
    expect(roundScore(score.overall)).toBe(83.3);
    expect(score.band).toBe('ready');
  });

  it('step 4, joint micro-credential: DES = 65, overall 77.2, Ready with conditions', () => {
    const score = scoreAssessment(structureForProfile(example, 'joint-micro-credential'), ratingsOfA);
    expect(score.dimensions[1]!.score).toBe(65);
    expect(roundScore(score.overall)).toBe(77.2);
    expect(score.blockers.map((b) => b.criterionId)).toEqual(['DES-01']);
    expect(score.band).toBe('conditional');
  });

  it('step 5, LEG-01 marked N/A: refused, and counted as not answered', () => {
    const answers = { ...ratingsOfA, 'LEG-01': notApplicable('We are not a university.') };
    expect(notApplicableRefused(example, answers)).toEqual(['LEG-01']);
    expect(scoreAssessment(example, answers).completeness).toMatchObject({ answered: 4, total: 5 });
  });

  it('step 6, incomplete: LEG-01 at 1 alone is certainly Not ready; everything but DES-03 as in step 3 is certainly Ready', () => {
    expect(certainBand(example, { 'LEG-01': rated(1) })).toBe('not-ready');
    const nearlyAll = { ...ratingsOfA, 'DES-01': rated(3) } as Record<string, ReturnType<typeof rated>>;
    delete nearlyAll['DES-03'];
    const atZero = scoreAssessment(example, { ...nearlyAll, 'DES-03': rated(0) });
    expect(atZero.dimensions[1]!.score).toBe(62.5);
    expect(roundScore(atZero.overall)).toBe(76.4);
    expect(certainBand(example, nearlyAll)).toBe('ready');
    expect(scoreAssessment(example, nearlyAll).complete).toBe(false);
  });

  it('section 14: the command prints what the page shows, and refuses step 5 with the line it quotes', async () => {
    const doc = await readFile(join(repoRoot, 'docs/scoring.md'), 'utf8');
    const shown = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const folder = await tempFolder('worked-example-2-');
    try {
      await writeFile(join(folder.path, 'framework.json'), JSON.stringify(example), 'utf8');
      await writeFile(join(folder.path, 'ratings.json'), JSON.stringify({ 'LEG-01': 3, 'LEG-02': 4, 'DES-01': 2, 'DES-02': 4, 'DES-03': 1 }), 'utf8');
      await writeFile(join(folder.path, 'na.json'), JSON.stringify({ 'LEG-01': 'na' }), 'utf8');
      const out: string[] = [];
      const err: string[] = [];
      const context = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: folder.path };
      expect(await runCli(['score', '--framework', 'framework.json', '--ratings', 'ratings.json', '--json'], context)).toBe(0);
      expect(JSON.parse(out[0]!)).toEqual(JSON.parse(shown));
      expect(await runCli(['score', '--framework', 'framework.json', '--ratings', 'na.json', '--json'], context)).toBe(1);
      expect(err).toEqual(['ratings.json: LEG-01 may not be marked not applicable: it applies to every partnership. Give it a level from 0 to 4.'.replace('ratings.json', 'na.json')]);
      expect(doc).toContain('"LEG-01 may not be marked not applicable:\nit applies to every partnership. Give it a level from 0 to 4."');
    } finally {
      await folder.remove();
    }
  });
});
