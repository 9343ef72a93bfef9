/**
 * The child process of the crash tests: opens a real core over the data folder it is given and
 * saves answers to one assessment in a loop, as fast as it can, until it is killed. Each save's
 * value is unique and increasing ("save 1234" in the justification, level 1234 mod 5), and a line
 * `ack <n> <criterion>` is written to stdout only after the save has resolved — that is, after the
 * store acknowledged it. (Writes to a pipe are synchronous on Linux and macOS, so an acknowledged
 * line has left the process before the next save starts.)
 *
 *   node save-loop.cjs <dataDir> <templatesDir> <assessmentId>
 */
import { openCore } from '../../../electron/app/core';
import { noDialogs } from '../../../electron/platform/dialogs';
import { criteriaOf } from '../../../shared/framework/schema';


async function main(): Promise<void> {
  const [dataDir, templatesDir, assessmentId] = process.argv.slice(2);
  if (!dataDir || !templatesDir || !assessmentId) throw new Error('usage: save-loop <dataDir> <templatesDir> <assessmentId>');
  const core = await openCore({
    dataDir,
    templatesDir,
    dialogs: noDialogs,
    appVersion: 'crash-test',
    platform: process.platform,
    systemLocale: 'en-GB',
    // Catalogue writes often, so that kills land in them too.
    indexFlushDelayMs: 15,
  });
  const assessment = await core.assessments.get(assessmentId);
  const criteria = criteriaOf(core.assessments.frameworkOf(assessment)).map((criterion) => criterion.id);
  let n = 0;
  for (const answer of Object.values(assessment.answers)) {
    const match = /^save (\d+)$/.exec(answer.justification);
    if (match) n = Math.max(n, Number(match[1]));
  }
  process.stdout.write(`ready ${n + 1}\n`);
  for (;;) {
    n += 1;
    const criterionId = criteria[n % criteria.length]!;
    await core.assessments.saveAnswer(assessmentId, criterionId, { level: (n % 5) as 0 | 1 | 2 | 3 | 4, justification: `save ${n}` });
    process.stdout.write(`ack ${n} ${criterionId}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`save-loop failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
