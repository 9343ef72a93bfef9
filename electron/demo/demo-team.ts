/**
 * The demo's team assessment: Universidad de Ejemplo's next self-assessment, rated by three
 * colleagues (the registrar, the data protection officer and a programme leader) with
 * overlapping assignments, so that most criteria are rated twice, some in disagreement, and
 * consolidated by the coordinator through the same service the app uses. Deterministic: a fixed
 * clock and seeded choices.
 *
 * The colleagues' ratings are recorded as if their filled questionnaires had been imported (the
 * demo has no colleague data folders); everything after that — consolidation, answers, history —
 * goes through TeamService and AssessmentService.
 */
import { randomUUID } from 'node:crypto';
import { seededRandom } from '../../shared/seeded-random';
import { defaultFrameworkFor } from '../../shared/framework/guide2';
import { criteriaOf } from '../../shared/framework/schema';
import { allowsNotApplicable } from '../../shared/scoring/criterion-status';
import { emptyTeam, type RatingValue, type TeamRating } from '../../shared/team/schema';
import { openCore } from '../app/core';
import { noDialogs } from '../platform/dialogs';
import { demoProfileId } from './demo-data';

export interface DemoTeamResult {
  assessmentId: string;
  raters: number;
  doubleRated: number;
}

const colleagues = [
  { name: 'Pablo Martínez Soler', role: 'Registrar', email: 'registro@ejemplo.es' },
  { name: 'Lucía Romero Gil', role: 'Data protection officer', email: 'dpd@ejemplo.es' },
  { name: 'Andreu Vidal Pons', role: 'Programme leader, Engineering', email: 'a.vidal@ejemplo.es' },
] as const;

const voices = [
  'Checked against the registry’s records for the last two intakes.',
  'Based on the processing register and the last audit of the data protection office.',
  'From the programme team’s experience in the last two cohorts.',
] as const;

export async function writeDemoTeam(options: { dataDir: string; templatesDir: string }): Promise<DemoTeamResult> {
  let current = Date.parse('2026-11-23T08:30:00.000Z');
  const now = () => {
    const value = new Date(current);
    current += 45_000;
    return value;
  };
  const core = await openCore({ dataDir: options.dataDir, templatesDir: options.templatesDir, dialogs: noDialogs, appVersion: 'demo', platform: process.platform, systemLocale: 'en-GB', now, snapshotEveryMs: Number.MAX_SAFE_INTEGER });
  try {
    const ownId = core.institutions.ownId();
    if (!ownId) throw new Error('The demo data folder has no own institution.');
    const frameworkKey = defaultFrameworkFor(core.frameworks.list(), 'en')!.key;
    const assessment = await core.assessments.create({ kind: 'self', subjectId: ownId, frameworkKey, language: 'en', title: 'Self-assessment 2027 (committee)', profileId: demoProfileId });
    const id = assessment.id;
    const framework = core.assessments.frameworkOf(assessment);
    const dimensions = framework.dimensions.map((dimension) => dimension.id);

    // Overlapping assignments: each dimension goes to two of the three colleagues.
    for (const colleague of colleagues) await core.team.addContributor(id, colleague);
    let view = await core.team.view(id);
    const ids = view.contributors.map((contributor) => contributor.id);
    for (const [index, contributorId] of ids.entries()) {
      const mine = dimensions.filter((_, d) => d % colleagues.length !== (index + 2) % colleagues.length);
      await core.team.assign(id, contributorId, { dimensions: mine, criteria: [] });
    }

    // The colleagues' ratings, as their returned questionnaires would bring them: a shared sense
    // of each criterion's level, with the odd difference of one level and a few of two or more.
    const random = seededRandom(1818);
    view = await core.team.view(id);
    const criteria = new Map(criteriaOf(framework).map((criterion) => [criterion.id, criterion]));
    const recordedAt = now().toISOString();
    const ratings: TeamRating[] = [];
    const base = new Map([...criteria.keys()].map((criterionId) => [criterionId, 1 + Math.floor(random() * 4)]));
    for (const [index, contributor] of view.contributors.entries()) {
      for (const criterionId of contributor.assignedCriteria) {
        const roll = random();
        const level = Math.max(0, Math.min(4, base.get(criterionId)! + (roll < 0.62 ? 0 : roll < 0.88 ? (random() < 0.5 ? -1 : 1) : random() < 0.5 ? -2 : 2)));
        const value: RatingValue = allowsNotApplicable(criteria.get(criterionId)!) && random() < 0.03 ? 'na' : (level as 0 | 1 | 2 | 3 | 4);
        ratings.push({
          id: randomUUID(),
          contributorId: contributor.id,
          criterionId,
          value,
          justification: value === 'na' ? 'Does not apply to the programmes this unit looks after.' : voices[index % voices.length]!,
          evidence: [],
          ratedAt: '2026-11-21T10:00:00.000Z',
          recordedAt,
          source: { type: 'workbook', fileName: `Ratings requested from ${contributor.name}.xlsx` },
        });
      }
    }
    await core.store.update(core.assessments.kind, id, (draft) => {
      const team = structuredClone(draft.team ?? emptyTeam());
      for (const contributor of team.contributors) contributor.requests.push({ requestId: randomUUID(), format: 'workbook', at: recordedAt });
      team.ratings.push(...ratings);
      for (const contributor of team.contributors) {
        const count = ratings.filter((rating) => rating.contributorId === contributor.id).length;
        team.history.push({ at: recordedAt, by: core.store.settings.userName, action: 'contribution-applied', contributorId: contributor.id, detail: `${contributor.name}: ${count} ratings` });
      }
      return { ...draft, team };
    });

    // The coordinator decides each criterion: the shared value where the colleagues agree, the
    // median level with a reason where they do not.
    view = await core.team.view(id);
    for (const criterion of view.criteria) {
      if (criterion.ratings.length === 0) continue;
      const levels = criterion.ratings.map((rating) => rating.value).filter((value): value is 0 | 1 | 2 | 3 | 4 => value !== 'na').sort((a, b) => a - b);
      const value: RatingValue = criterion.proposal ?? (levels.length ? levels[Math.floor((levels.length - 1) / 2)]! : 'na');
      const reason =
        criterion.proposal !== null
          ? ''
          : criterion.flagged
            ? 'Discussed in the committee meeting of 24 November: the lower rating reflects practice outside the pilot programmes.'
            : 'The committee took the more cautious rating until the evidence is complete.';
      await core.team.consolidate(id, { criterionId: criterion.criterionId, value, reason, fromRatingIds: criterion.ratings.map((rating) => rating.ratingId) });
    }
    // Left as a draft: completing it would make it the institution's current self-assessment,
    // and the rest of the demo (partnership, consortium matrix) rests on the 2026 one.
    view = await core.team.view(id);
    return { assessmentId: id, raters: view.raters, doubleRated: view.criteria.filter((criterion) => criterion.ratings.length >= 2).length };
  } finally {
    await core.close();
  }
}
