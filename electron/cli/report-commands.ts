/**
 * `trustbridge report …` writes a Word or Excel report from a data folder without the app;
 * `trustbridge demo --out <folder>` writes a realistic sample data folder to try it on.
 */
import { dirname, resolve } from 'node:path';
import { version } from '../../package.json';
import { isAppError } from '../../shared/errors';
import { languageSchema, type Language } from '../../shared/framework/schema';
import { openCore } from '../app/core';
import { exportAssessmentReport, exportAssessmentWorkbook, exportBrief, exportReadinessReport } from '../export';
import { demoPassphrase, writeDemo } from '../demo/demo-exchange';
import { noDialogs } from '../platform/dialogs';
import { clockOf, parseOptions, type Command, type CommandContext } from './options';
import { statIfExists } from '../platform/files';

/**
 * The templates folder: two levels above the running script — the bundled CLI (dist/cli → templates)
 * or the checkout through tsx (electron/cli → templates) — else the working folder's.
 * TRUSTBRIDGE_TEMPLATES overrides them.
 */
export async function findTemplatesDir(env: Record<string, string | undefined> = process.env): Promise<string> {
  const script = process.argv[1] ? dirname(resolve(process.argv[1])) : process.cwd();
  const candidates = [env['TRUSTBRIDGE_TEMPLATES'], resolve(script, '../../templates'), resolve(process.cwd(), 'templates')].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  for (const candidate of candidates) {
    // Not there: try the next candidate.
    if ((await statIfExists(resolve(candidate, 'reports', 'en.json')))?.isFile()) return candidate;
  }
  throw new Error('The templates folder was not found; set TRUSTBRIDGE_TEMPLATES to it.');
}

const reportUsage = [
  'Usage: trustbridge report --kind readiness|brief|self|audit --format docx|xlsx --in <data folder> --id <id> --out <file> [--language en|es|de]',
  '',
  '  --kind      readiness: the partnership readiness report (--id is a partnership)',
  '              brief: the brief for top management, at most four pages (docx; --id is a partnership)',
  '              self, audit: the report of one assessment (--id is an assessment of that kind)',
  '  --format    docx (Word) or xlsx (the assessment workbook, of an assessment or a partnership)',
  '  --in        a TrustBridge data folder (a .trustbridge exchange file will be accepted later)',
  '  --language  the report language, English by default; independent of the app’s language',
  '',
  'Ids: `trustbridge demo` prints the ids of the sample data it writes.',
].join('\n');

export const reportCommand: Command = {
  name: 'report',
  synopsis: 'report --kind … --format … --in <dir> --id <id> --out <file>',
  summary: 'Write a Word or Excel report from a data folder',
  async run(args, context) {
    const { options, flags, problems } = parseOptions(args, { values: ['kind', 'format', 'in', 'id', 'out', 'language'] });
    if (flags.has('help')) {
      context.out(reportUsage);
      return 0;
    }
    const kind = options.get('kind');
    const format = options.get('format') ?? 'docx';
    const input = options.get('in');
    const id = options.get('id');
    const out = options.get('out');
    const language = languageSchema.safeParse(options.get('language') ?? 'en');
    if (kind !== 'readiness' && kind !== 'brief' && kind !== 'self' && kind !== 'audit') problems.push('--kind must be readiness, brief, self or audit');
    if (kind === 'brief' && format !== 'docx') problems.push('--kind brief is written as --format docx');
    if (format !== 'docx' && format !== 'xlsx') problems.push('--format must be docx or xlsx');
    if (!input) problems.push('--in <data folder> is required');
    if (!id) problems.push('--id is required');
    if (!out) problems.push('--out <file> is required');
    if (!language.success) problems.push('--language must be en, es or de');
    if (problems.length) {
      context.err(`${problems.join('\n')}\n\n${reportUsage}`);
      return 2;
    }
    const dataDir = resolve(context.cwd, input!);
    // Missing is answered below as "no such folder"; any other failure is thrown in its own words.
    const info = await statIfExists(dataDir);
    if (!info) {
      context.err(`${input}: no such folder`);
      return 1;
    }
    if (!info.isDirectory()) {
      context.err(`${input}: reading reports straight from a .trustbridge exchange file is not supported yet; import it in the app, or pass the data folder.`);
      return 1;
    }
    return withCore(dataDir, context, async (core, templatesDir) => {
      const lang = language.data as Language;
      const common = { core, templatesDir, language: lang, id: id!, outPath: resolve(context.cwd, out!), appVersion: version, now: clockOf(context) };
      if (kind === 'readiness' || kind === 'brief') {
        if (!core.partnerships.list().some((summary) => summary.id === id)) {
          context.err(`${id}: no partnership with this id in ${input}.`);
          return 1;
        }
      } else if (!core.partnerships.list().some((summary) => summary.id === id)) {
        const summary = core.assessments.list().find((candidate) => candidate.id === id);
        if (!summary) {
          context.err(`${id}: no assessment with this id in ${input}.`);
          return 1;
        }
        if (summary.kind !== kind) {
          context.err(`${id} is ${summary.kind === 'self' ? 'a self-assessment' : 'an audit'}; use --kind ${summary.kind}.`);
          return 1;
        }
      }
      const result =
        format === 'xlsx'
          ? await exportAssessmentWorkbook(common)
          : kind === 'readiness'
            ? await exportReadinessReport(common)
            : kind === 'brief'
              ? await exportBrief(common)
              : await exportAssessmentReport(common);
      context.out(`Wrote ${result.path} (${Math.round(result.bytes / 1024)} KB).`);
      return 0;
    });
  },
};

export const demoCommand: Command = {
  name: 'demo',
  synopsis: 'demo --out <folder>',
  summary: 'Write a realistic sample data folder, the partner’s, and the signed files between them',
  async run(args, context) {
    const { options, flags, problems } = parseOptions(args, { values: ['out'] });
    if (flags.has('help')) {
      context.out('Usage: trustbridge demo --out <folder>');
      return 0;
    }
    const out = options.get('out');
    if (!out) problems.push('--out <folder> is required');
    if (problems.length) {
      context.err(`${problems.join('\n')}\n\nUsage: trustbridge demo --out <folder>`);
      return 2;
    }
    const dataDir = resolve(context.cwd, out!);
    // Absent is what is wanted: a new folder.
    const existing = await statIfExists(resolve(dataDir, 'index.json'));
    if (existing) {
      context.err(`${out} already holds a TrustBridge data folder; choose an empty or new folder.`);
      return 1;
    }
    try {
      const templatesDir = await findTemplatesDir();
      const { demo, exchange, team } = await writeDemo({ dataDir, outDir: resolve(dataDir, 'demo-exchange'), templatesDir });
      context.out(
        [
          `Wrote a sample data folder to ${dataDir} (Universidad de Ejemplo).`,
          `  partnership                ${demo.partnership}`,
          `  self-assessment (A)        ${demo.assessments.selfA}`,
          `  self-assessment (B)        ${demo.assessments.selfB}`,
          `  audit of B by A            ${demo.assessments.auditOfB}`,
          `  audit of A by B            ${demo.assessments.auditOfA}`,
          `  agreement (signed by both) ${exchange.agreementId}   code ${exchange.verificationCode}`,
          `team-assessment              ${team.assessmentId}   (${team.raters} colleagues; ${team.doubleRated} criteria rated twice)`,
          '',
          `The partner's data folder (Tampere Test University): ${exchange.partnerDataDir}`,
          'Signed files between them:',
          ...Object.values(exchange.files).map((file) => `  ${file}`),
          '',
          `Both signing keys are protected by the passphrase "${demoPassphrase}" (sample data only).`,
          `Open it with: npm start -- --data-dir ${dataDir}`,
          `Report:       npm run cli -- report --kind readiness --format docx --in ${dataDir} --id ${demo.partnership} --out readiness.docx`,
          `Verify:       npm run cli -- verify ${exchange.files.agreementCountersigned}`,
        ].join('\n'),
      );
      return 0;
    } catch (error) {
      context.err(`demo: ${isAppError(error) || error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  },
};

export async function withCore(
  dataDir: string,
  context: CommandContext,
  work: (core: Awaited<ReturnType<typeof openCore>>, templatesDir: string) => Promise<number>,
  command = 'report',
): Promise<number> {
  let core: Awaited<ReturnType<typeof openCore>> | undefined;
  try {
    const templatesDir = await findTemplatesDir();
    core = await openCore({ dataDir, templatesDir, dialogs: noDialogs, appVersion: version, platform: process.platform, systemLocale: 'en-GB', now: clockOf(context), snapshotEveryMs: Number.MAX_SAFE_INTEGER });
    return await work(core, templatesDir);
  } catch (error) {
    context.err(`${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await core?.close();
  }
}
