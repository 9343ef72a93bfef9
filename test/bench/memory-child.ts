/**
 * A child process of the benchmark, so its peak resident memory is its own:
 *   export <dataDir> <templatesDir> <partnershipId> <outDir>   the readiness report and the workbook
 *   open <dataDir> <templatesDir>                               open the store and list its assessments
 * Prints one JSON line: { peakMb, detail }.
 */
import { join } from 'node:path';
import { openCore } from '../../electron/app/core';
import { exportAssessmentWorkbook, exportReadinessReport } from '../../electron/export';
import { noDialogs } from '../../electron/platform/dialogs';


async function main(): Promise<void> {
  const [mode, dataDir, templatesDir, partnershipId, outDir] = process.argv.slice(2);
  if (!mode || !dataDir || !templatesDir) throw new Error('usage: memory-child export|open <dataDir> <templatesDir> [partnershipId outDir]');
  const core = await openCore({ dataDir, templatesDir, dialogs: noDialogs, appVersion: 'bench', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });
  let detail = '';
  if (mode === 'export') {
    const docx = await exportReadinessReport({ core, templatesDir, language: 'en', id: partnershipId!, outPath: join(outDir!, 'readiness.docx') });
    const xlsx = await exportAssessmentWorkbook({ core, templatesDir, language: 'en', id: partnershipId!, outPath: join(outDir!, 'workbook.xlsx') });
    detail = `docx ${docx.bytes} B, xlsx ${xlsx.bytes} B`;
  } else {
    detail = `${core.assessments.list().length} assessments listed`;
  }
  await core.close();
  // maxRSS is in kilobytes.
  process.stdout.write(JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024, detail }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error) + '\n');
  process.exit(1);
});
