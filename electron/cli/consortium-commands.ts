/**
 * `trustbridge consortium <folder> --out <file.xlsx|file.docx>`: the consortium workbook or the
 * summary for the board, from a folder of exchange files (typically the one the consortium shares
 * through its sync service). Every file is verified; the ones refused are listed with the reason and
 * count for nothing. Reads only: it neither remembers keys nor changes the data folder.
 *
 * Exit codes: 0 when the document was written (even if some files were refused: it says so),
 * 1 for a usage or file error, 2 when no file could be counted.
 */
import { stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { version } from '../../package.json';
import { dayOf } from '../../shared/dates';
import type { ConsortiumFiles, ConsortiumModel } from '../../shared/consortium/model';
import { languageSchema } from '../../shared/framework/schema';
import { RosterBook } from '../consortium/roster';
import { consortiumOfFolder, type ReadFolderOptions } from '../consortium/folder';
import { exportConsortiumSummary, exportConsortiumWorkbook } from '../export';
import { KeyRing } from '../keys/key-ring';
import { PartnerKeys } from '../keys/partner-keys';
import { FrameworkCatalog } from '../services/frameworks';
import { clockOf, parseOptions, type Command, type CommandContext } from './options';
import { findTemplatesDir } from './report-commands';

const synopsis = 'consortium <folder> --out <file.xlsx|file.docx>';

const usage = [
  'Usage: trustbridge consortium <folder> --out <file.xlsx|file.docx> [--language en|es|de] [--data-dir <dir>] [--today YYYY-MM-DD]',
  '',
  '  <folder>    a folder of .trustbridge exchange files, such as the one the consortium shares',
  '              through its sync service; conflict copies and temporary files are recognised',
  '  --out       .xlsx: the consortium workbook (overview, trust matrix, audits, dimensions, files)',
  '              .docx: the consortium summary for the board',
  '  --language  the language of the document, English by default',
  '  --data-dir  a TrustBridge data folder whose partner keys (and own key) decide which signing',
  '              keys are trusted; without it, the first key seen in the folder for an',
  '              institution is trusted and a later, different one refused',
  '  --today     the day validity is counted to, today by default',
  '',
  'Exit codes: 0 the document was written (files refused, if any, are listed),',
  '            1 wrong options or a file error, 2 no file in the folder could be counted.',
].join('\n');

function usageError(context: CommandContext, problems: readonly string[]): number {
  context.err(`${problems.join('\n')}\n\n${usage}`);
  return 1;
}

const isFolder = (path: string) => stat(path).then((info) => info.isDirectory(), () => false);

export const consortiumCommand: Command = {
  name: 'consortium',
  synopsis,
  summary: 'Write the consortium workbook or summary from a folder of exchange files',
  async run(args, context) {
    const { options, flags, positional, problems } = parseOptions(args, { values: ['out', 'language', 'data-dir', 'today'] });
    if (flags.has('help')) {
      context.out(usage);
      return 0;
    }
    const out = options.get('out');
    const language = languageSchema.safeParse(options.get('language') ?? 'en');
    const now = clockOf(context);
    const today = options.get('today') ?? now().toISOString().slice(0, 10);
    if (positional.length === 0) problems.push('Name the folder of exchange files.');
    if (positional.length > 1) problems.push(`One folder at a time; "${positional[1]}" is one too many.`);
    if (!out) problems.push('--out <file.xlsx|file.docx> is required.');
    else if (!['.xlsx', '.docx'].includes(extname(out).toLowerCase())) problems.push('--out must end in .xlsx (the workbook) or .docx (the summary).');
    if (!language.success) problems.push('--language must be en, es or de.');
    if (!isDay(today)) problems.push('--today must be a date written YYYY-MM-DD.');
    if (problems.length) return usageError(context, problems);

    const folder = resolve(context.cwd, positional[0]!);
    if (!(await isFolder(folder))) return usageError(context, [`There is no folder ${folder}.`]);
    const outPath = resolve(context.cwd, out!);
    if (!(await isFolder(dirname(outPath)))) return usageError(context, [`The folder for ${outPath} does not exist.`]);

    const readOptions: ReadFolderOptions = {};
    const dataDirOption = options.get('data-dir');
    if (dataDirOption !== undefined) {
      const dataDir = resolve(context.cwd, dataDirOption);
      if (!(await isFolder(dataDir))) return usageError(context, [`There is no data folder ${dataDir}.`]);
      try {
        readOptions.partnerKeys = await PartnerKeys.open({ dataDir });
        readOptions.ownKeyRing = await KeyRing.open({ dataDir });
        // A consortium roster accepted in that data folder decides instead of first use.
        const roster = (await RosterBook.open(dataDir)).roster;
        if (roster) readOptions.roster = roster;
      } catch (error) {
        context.err(`consortium: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      }
    }

    try {
      const templatesDir = await findTemplatesDir();
      const catalog = await FrameworkCatalog.load(templatesDir, now);
      const ownExchangeId = readOptions.ownKeyRing?.hasKey() ? readOptions.ownKeyRing.exchangeId() : undefined;
      // The model and what was counted, without the verified files (see consortiumOfFolder).
      const { model, files } = await consortiumOfFolder(folder, { ...readOptions, now, frameworks: catalog, language: language.data!, ...(ownExchangeId ? { ownExchangeId } : {}), today });
      context.out(describe(folder, model, files));
      if (model.cells.length + model.selfAssessments.length === 0) {
        context.err(
          files.accepted.length + files.refused.length === 0
            ? `No .trustbridge file was found in ${folder}; nothing was written.`
            : 'No assessment in the folder could be counted, so nothing was written. The list above says why for each file.',
        );
        return 2;
      }
      const exportOptions = { model, files, templatesDir, language: language.data!, outPath, now, appVersion: version };
      const result = extname(outPath).toLowerCase() === '.xlsx' ? await exportConsortiumWorkbook(exportOptions) : await exportConsortiumSummary(exportOptions);
      const refusedNote = files.refused.length ? ` ${files.refused.length} file${files.refused.length === 1 ? ' was' : 's were'} refused and not counted (listed above${extname(outPath).toLowerCase() === '.xlsx' ? ' and in the Files sheet' : ' and at the end of the summary'}).` : '';
      context.out(`Wrote ${result.path} (${Math.max(1, Math.round(result.bytes / 1024))} KB).${refusedNote}`);
      return 0;
    } catch (error) {
      context.err(`consortium: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  },
};

function isDay(value: string): boolean {
  const day = dayOf(value);
  if (day !== value) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** What was read, counted and refused: the command's report, in the order a reader checks it. */
function describe(folder: string, model: ConsortiumModel, files: ConsortiumFiles): string {
  const { totals } = model;
  const read = files.accepted.length + files.duplicates.length + files.refused.length + files.conflicts.reduce((sum, conflict) => sum + conflict.files.length - 1, 0);
  const lines = [
    `Read ${plural(read, 'exchange file')} in ${folder}${files.ignored.length ? ` (${plural(files.ignored.length, 'temporary file')} left alone)` : ''}.`,
    `Counted ${plural(files.accepted.length, 'file')}: ${plural(totals.institutions, 'institution')}, ${plural(totals.audits, 'audit')} ` +
      `(${totals.valid} valid, ${totals.expiring} expiring within ${model.expiringWithinDays} days, ${totals.expired} expired, ${totals.inProgress} in progress), ` +
      `${plural(totals.selfAssessments, 'self-assessment')}; ${plural(totals.directionsMissing, 'direction')} without an audit. Validity counted to ${model.today}.`,
    files.keyCheck === 'roster'
      ? 'Keys: checked against the consortium roster accepted in the data folder (files signed with a key not on it are refused).'
      : files.keyCheck === 'registry'
      ? 'Keys: checked against the partner keys of the data folder (institutions it has never seen: within the folder).'
      : 'Keys: checked within the folder only (the first key seen for an institution is trusted); give --data-dir to check them against your known partner keys.',
  ];
  if (files.duplicates.length) {
    lines.push('', `Identical copies, counted once: ${files.duplicates.length}`, ...files.duplicates.map((duplicate) => `  ${duplicate.fileName}  (same as ${duplicate.sameAs})`));
  }
  if (files.conflicts.length) {
    lines.push('', `Sync conflicts: ${files.conflicts.length}`, ...files.conflicts.map((conflict) => `  ${conflict.why}`));
  }
  const copiesCounted = files.accepted.filter((file) => file.countedSeparately);
  if (copiesCounted.length) {
    lines.push('', 'Named like sync copies but holding other content, counted on their own:', ...copiesCounted.map((file) => `  ${file.fileName}  (name of a copy of ${file.conflictOf})`));
  }
  if (files.notCounted.length) {
    lines.push(
      '',
      `Assessments not counted: ${files.notCounted.length}`,
      ...files.notCounted.map((item) => {
        const why =
          item.reason === 'relayed'
            ? `made by ${item.assessor}, passed on by another institution; only ${item.assessor}'s own signed file counts`
            : item.reason === 'unknown-framework'
              ? 'made with a framework the file does not carry and TrustBridge does not know'
              : 'names an institution that is not a member';
        return `  ${item.fileName}: "${item.title}" — ${why}`;
      }),
    );
  }
  if (model.skipped.length) lines.push('', `Assessments skipped: ${model.skipped.length}`, ...model.skipped.map((item) => `  "${item.title}": ${item.reason}`));
  if (files.refused.length) {
    lines.push('', `REFUSED, not counted: ${plural(files.refused.length, 'file')}`, ...files.refused.map((refused) => `  ${refused.fileName}: ${refused.code} — ${refused.reason}`));
  } else lines.push('', 'No file was refused.');
  return lines.join('\n');
}
