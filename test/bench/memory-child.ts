/**
 * A child process of the benchmark, so its memory, its bytes written and its crash are its own:
 *   export <dataDir> <templatesDir> <partnershipId> <outDir>   the readiness report and the workbook
 *   open <dataDir> <templatesDir>                               open the store and list its assessments
 *   open-timed <dataDir> <templatesDir>                         open the store until Home's overview is ready
 *   save-loop <dataDir> <templatesDir> <assessmentId>           save answers until killed (prints "saving")
 *   session <dataDir> <templatesDir> <assessmentId> <saves> <everyMs>
 *                                                              an editing session: bytes written per save
 *   consortium <folder> <templatesDir> <outDir>                 trust matrix and workbook of a shared folder
 * Prints one JSON line: { peakMb, detail, value? }.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../electron/app/core';
import { consortiumOfFolder } from '../../electron/consortium/folder';
import { exportAssessmentWorkbook, exportConsortiumWorkbook, exportReadinessReport } from '../../electron/export';
import { noDialogs } from '../../electron/platform/dialogs';
import { FrameworkCatalog } from '../../electron/services/frameworks';
import { criteriaOf } from '../../shared/framework/schema';
import { homeOverview } from '../../shared/home/overview';

/** Bytes this process handed to write(2) so far (Linux); undefined elsewhere. */
function bytesWritten(): number | undefined {
  try {
    const match = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const [mode, dataDir, templatesDir, arg3, arg4, arg5] = process.argv.slice(2);
  if (!mode || !dataDir || !templatesDir) throw new Error('usage: memory-child <mode> <dataDir> <templatesDir> …');
  const peak = () => process.resourceUsage().maxRSS / 1024;
  const print = (result: { detail: string; value?: number | null }) => process.stdout.write(JSON.stringify({ peakMb: peak(), ...result }) + '\n');

  if (mode === 'consortium') {
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    const now = () => new Date('2026-11-23T12:00:00.000Z');
    // As the consortium command does (electron/cli/consortium-commands.ts).
    const catalog = await FrameworkCatalog.load(templatesDir, now);
    const { model, files } = await consortiumOfFolder(dataDir, { now, frameworks: catalog, language: 'en', today: '2026-11-23' });
    const read = performance.now() - started;
    const readCpu = process.cpuUsage(cpuAtStart);
    const result = await exportConsortiumWorkbook({ model, files, templatesDir, language: 'en', outPath: join(arg3!, 'consortium.xlsx'), now, appVersion: 'bench' });
    const ms = performance.now() - started;
    // CPU time of the timed part only (all threads: the main one, the garbage collector's helpers
    // and the thread pool), without loading the modules: on a machine shared with other work the
    // wall time mostly measures the wait for a core, the CPU time what the work itself costs.
    const cpu = process.cpuUsage(cpuAtStart);
    const seconds = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1e6).toFixed(1);
    print({
      value: ms,
      detail: `${files.accepted.length} files counted, ${files.refused.length} refused, ${model.totals.institutions} institutions, ${model.cells.length} matrix cells, workbook ${result.bytes} B; read and model ${(read / 1000).toFixed(1)} s (CPU ${seconds(readCpu)} s), workbook ${((ms - read) / 1000).toFixed(1)} s; CPU time of the child while timed ${seconds(cpu)} s`,
    });
    return;
  }

  const started = performance.now();
  const core = await openCore({ dataDir, templatesDir, dialogs: noDialogs, appVersion: 'bench', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });
  if (mode === 'export') {
    const docx = await exportReadinessReport({ core, templatesDir, language: 'en', id: arg3!, outPath: join(arg4!, 'readiness.docx') });
    const xlsx = await exportAssessmentWorkbook({ core, templatesDir, language: 'en', id: arg3!, outPath: join(arg4!, 'workbook.xlsx') });
    await core.close();
    print({ detail: `docx ${docx.bytes} B, xlsx ${xlsx.bytes} B` });
  } else if (mode === 'open') {
    const detail = `${core.assessments.list().length} assessments listed`;
    await core.close();
    print({ detail });
  } else if (mode === 'open-timed') {
    // What the home.overview handler computes (electron/app/handlers.ts) for the first screen.
    const overview = homeOverview({
      assessments: core.assessments.list(),
      partnerships: core.partnerships.list(),
      agreements: core.agreements.list(),
      names: new Map(core.institutions.list().map((item) => [item.id, item.legalName])),
      today: '2026-11-23',
      rows: 8,
    });
    const ms = performance.now() - started;
    const notices = core.store.notices.length;
    await core.close();
    print({ value: ms, detail: `${JSON.stringify(overview).length} B overview, ${notices} store notice(s)` });
  } else if (mode === 'save-loop' || mode === 'session') {
    const id = arg3!;
    const criteria = criteriaOf(core.assessments.frameworkOf(await core.assessments.get(id))).map((criterion) => criterion.id);
    const saves = mode === 'session' ? Number(arg4) : Number.POSITIVE_INFINITY;
    const everyMs = mode === 'session' ? Number(arg5) : 0;
    const before = bytesWritten();
    const began = performance.now();
    for (let i = 0; i < saves; i += 1) {
      await core.assessments.saveAnswer(id, criteria[i % criteria.length]!, { level: (i % 5) as 0 | 1 | 2 | 3 | 4, justification: `Save ${i}: documented in the quality manual and reviewed in 2026.` });
      if (i === 3 && mode === 'save-loop') process.stdout.write('saving\n');
      // One save every `everyMs`, as typing with the app's autosave: the catalogue's timer runs between.
      if (everyMs) await sleep(Math.max(0, began + (i + 1) * everyMs - performance.now()));
    }
    // Let the timer of the last changes fire: they belong to the session.
    await sleep(1500);
    const after = bytesWritten();
    await core.close();
    print(before === undefined || after === undefined ? { value: null, detail: 'no /proc/self/io on this system' } : { value: (after - before) / saves, detail: `${saves} saves, ${after - before} B written` });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error) + '\n');
  process.exit(1);
});
