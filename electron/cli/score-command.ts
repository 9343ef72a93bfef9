/**
 * `trustbridge score --framework <file> --ratings <file.json> [--profile <id>] --json`: the
 * decision rules checked without the app. The ratings file is one JSON object from criterion id to
 * a level 0–4 or "na"; criteria not listed are unanswered. Prints one JSON object; any invalid
 * input exits 1 with one line that names the problem.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Framework } from '../../shared/framework/schema';
import { describeIssues } from '../../shared/ipc/zod-issues';
import { certainBand, readRatings, roundScore, scoreAssessment, structureForProfile, UnknownProfileError } from '../../shared/scoring';
import type { FrameworkStructure } from '../../shared/scoring';
import { parseUntrustedJson } from '../platform/json';
import { maxFrameworkFileBytes, parseFrameworkText } from '../services/frameworks';
import { parseOptions, type Command, type CommandContext } from './options';
import { statIfExists } from '../platform/files';

const usage = 'Usage: trustbridge score --framework <file> --ratings <file.json> [--profile <id>] --json';
/** A ratings file is one small object; anything far larger is not one. */
const maxRatingsFileBytes = 1024 * 1024;

class InputError extends Error {}

function options(args: readonly string[]): { framework: string; ratings: string; profile?: string } | string {
  const parsed = parseOptions(args, { values: ['framework', 'ratings', 'profile'], flags: ['json'] });
  const unknown = parsed.problems.find((problem) => problem.startsWith('Unknown option'));
  if (parsed.positional[0] !== undefined) return `Unknown argument "${parsed.positional[0]}". ${usage}`;
  if (parsed.problems[0] !== undefined) return `${(unknown ?? parsed.problems[0]).replace(/\.$/, '')}. ${usage}`;
  const twice = [...parsed.repeated].find((name) => name !== 'json');
  if (twice !== undefined) return `--${twice} is given twice. ${usage}`;
  const framework = parsed.options.get('framework');
  const ratings = parsed.options.get('ratings');
  if (!framework || !ratings) return `Name the framework and the ratings. ${usage}`;
  // JSON is the only output there is; --json is required so that a later human-readable form
  // cannot change what scripts written today receive.
  if (!parsed.flags.has('json')) return `Add --json: the result is printed as one JSON object. ${usage}`;
  const profile = parsed.options.get('profile');
  return { framework, ratings, ...(profile === undefined ? {} : { profile }) };
}

async function readText(file: string, context: CommandContext, maxBytes: number, what: string): Promise<string> {
  const path = resolve(context.cwd, file);
  // Missing is answered below as "no such file"; any other failure is thrown in its own words.
  const info = await statIfExists(path);
  if (!info?.isFile()) throw new InputError(`${file}: no such file`);
  if (info.size > maxBytes) throw new InputError(`${file}: too large to be ${what} (${info.size} bytes; at most ${maxBytes})`);
  return readFile(path, 'utf8');
}

async function loadFramework(file: string, context: CommandContext): Promise<Framework> {
  const parsed = parseFrameworkText(await readText(file, context, maxFrameworkFileBytes, 'a framework file'));
  if (parsed.ok) return parsed.framework;
  const issues = describeIssues(parsed.error.issues ?? []);
  const first = issues[0] ? `: ${issues[0]}${issues.length > 1 ? ` (and ${issues.length - 1} more; run trustbridge framework validate)` : ''}` : `: ${parsed.error.message}`;
  throw new InputError(`${file}: not a valid framework file${first}`);
}

function progressText(answered: number, total: number, criticalMissing: number): string {
  return `${answered} of ${total} answered, ${criticalMissing} critical unanswered`;
}

export const scoreCommand: Command = {
  name: 'score',
  synopsis: 'score --framework <file> --ratings <file.json> [--profile <id>] --json',
  summary: 'Score ratings against a framework; print overall, band and blockers as JSON',
  async run(args, context) {
    const parsed = options(args);
    if (typeof parsed === 'string') {
      context.err(parsed);
      return 2;
    }
    try {
      const framework = await loadFramework(parsed.framework, context);
      let structure: FrameworkStructure;
      try {
        structure = structureForProfile(framework, parsed.profile);
      } catch (error) {
        if (error instanceof UnknownProfileError) throw new InputError(`--profile: ${error.message}`);
        throw error;
      }
      const json = parseUntrustedJson(await readText(parsed.ratings, context, maxRatingsFileBytes, 'a ratings file'));
      if (!json.ok) throw new InputError(`${parsed.ratings}: ${json.error.message}`);
      const ratings = readRatings(json.value, framework, structure);
      if (!ratings.ok) throw new InputError(`${parsed.ratings}: ${ratings.message}`);

      const score = scoreAssessment(structure, ratings.answers);
      const { answered, total } = score.completeness;
      context.out(
        JSON.stringify({
          overall: roundScore(score.overall),
          band: certainBand(structure, ratings.answers, score),
          blockers: score.blockers.map((blocker) => blocker.criterionId),
          complete: score.complete,
          answered,
          total,
          ...(score.complete ? {} : { progress: progressText(answered, total, score.criticalMissing.length) }),
          dimensions: Object.fromEntries(score.dimensions.map((dimension) => [dimension.id, roundScore(dimension.score)])),
          ...(parsed.profile === undefined ? {} : { profile: parsed.profile }),
          ...(ratings.excluded.length ? { excluded: ratings.excluded } : {}),
        }),
      );
      return 0;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      context.err(error.message);
      return 1;
    }
  },
};
