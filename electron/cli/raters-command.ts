/**
 * `trustbridge raters --in <data folder> --id <assessment> --json`: who rated what in a team
 * assessment and how well the raters agreed (Krippendorff's alpha, ordinal), as one JSON object:
 *   { raters, alpha, pairable, reading, byDimension: { <dimension>: alpha|null },
 *     ratings: { <criterion>: { <rater name>: 0–4 | "na" } }, flagged: [<criterion>…], consolidated }
 * An assessment without team data gives raters 0, alpha null and empty ratings.
 */
import { resolve } from 'node:path';
import { structureForKnownProfile } from '../../shared/scoring';
import { buildTeamView } from '../../shared/team/view-model';
import type { RatingValue } from '../../shared/team/schema';
import { parseOptions, type Command } from './options';
import { withCore } from './report-commands';
import { statIfExists } from '../platform/files';

const usage = 'Usage: trustbridge raters --in <data folder> --id <assessment> --json';

/** Rounded for reading; the agreement figures are not more precise than three decimals. */
const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

export const ratersCommand: Command = {
  name: 'raters',
  synopsis: 'raters --in <dir> --id <assessment> --json',
  summary: 'Print who rated a team assessment and how well they agreed (Krippendorff’s alpha) as JSON',
  async run(args, context) {
    const { options, flags, positional, problems } = parseOptions(args, { values: ['in', 'id'], flags: ['json'] });
    if (flags.has('help')) {
      context.out(usage);
      return 0;
    }
    const json = flags.has('json');
    const input = options.get('in');
    const id = options.get('id');
    if (!input) problems.push('--in <data folder> is required');
    if (!id) problems.push('--id <assessment> is required');
    for (const arg of positional) problems.push(`Unknown argument "${arg}"`);
    // JSON is the only output; --json is required so a later human-readable form cannot change what scripts receive.
    if (!json) problems.push('Add --json: the result is printed as one JSON object');
    if (problems.length) {
      context.err(`${problems.join('\n')}\n\n${usage}`);
      return 2;
    }
    const dataDir = resolve(context.cwd, input!);
    if (!(await statIfExists(dataDir))?.isDirectory()) {
      context.err(`${input}: no such data folder`);
      return 1;
    }
    return withCore(
      dataDir,
      context,
      async (core) => {
        if (!core.assessments.list().some((summary) => summary.id === id)) {
          context.err(`${id}: no assessment with this id in ${input}.`);
          return 1;
        }
        const assessment = await core.assessments.get(id!);
        const framework = structureForKnownProfile(core.assessments.frameworkOf(assessment), assessment.profileId);
        const view = buildTeamView(assessment, framework);
        const ratings: Record<string, Record<string, RatingValue>> = {};
        for (const criterion of view.criteria) {
          if (criterion.ratings.length) ratings[criterion.criterionId] = Object.fromEntries(criterion.ratings.map((rating) => [rating.name, rating.value]));
        }
        context.out(
          JSON.stringify({
            raters: view.raters,
            alpha: round(view.agreement.overall.alpha),
            pairable: view.agreement.overall.pairable,
            reading: view.agreement.overall.reading,
            byDimension: Object.fromEntries(Object.entries(view.agreement.byDimension).map(([dimension, figure]) => [dimension, round(figure.alpha)])),
            ratings,
            flagged: view.criteria.filter((criterion) => criterion.flagged).map((criterion) => criterion.criterionId),
            consolidated: view.counts.consolidated,
          }),
        );
        return 0;
      },
      'raters',
    );
  },
};
