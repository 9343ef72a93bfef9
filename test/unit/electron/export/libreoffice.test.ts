/**
 * Every kind of exported document opens in LibreOffice: converted to PDF without error, once each
 * (conversions take seconds, and the machine has two cores). Skipped with a message where
 * LibreOffice is not installed; CI installs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { exportAssessmentReport, exportAssessmentWorkbook, exportQuestionnaire, exportReadinessReport } from '../../../../electron/export';
import { writeDemoData, type DemoResult } from '../../../../electron/demo/demo-data';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
const now = () => new Date('2026-11-23T09:00:00.000Z');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let demo: DemoResult;
let core: Core;

if (!soffice) console.warn('LibreOffice (soffice) is not installed: skipping the conversion of exported documents to PDF. Install libreoffice-writer-nogui and libreoffice-calc-nogui.');

describe.skipIf(!soffice)('exported documents open in LibreOffice', () => {
  beforeAll(async () => {
    folder = await tempFolder('trustbridge-soffice-');
    demo = await writeDemoData({ dataDir: join(folder.path, 'data'), templatesDir });
    core = await openCore({ dataDir: demo.dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    await folder?.remove();
  });

  it('converts the readiness, self-assessment and audit reports, the workbook and the questionnaire to PDF', async () => {
    const files = [
      await exportReadinessReport({ core, templatesDir, language: 'en', id: demo.partnership, outPath: join(folder.path, 'readiness.docx'), now }),
      await exportAssessmentReport({ core, templatesDir, language: 'es', id: demo.assessments.selfA, outPath: join(folder.path, 'self.docx'), now }),
      await exportAssessmentReport({ core, templatesDir, language: 'de', id: demo.assessments.auditOfB, outPath: join(folder.path, 'audit.docx'), now }),
      await exportAssessmentWorkbook({ core, templatesDir, language: 'en', id: demo.partnership, outPath: join(folder.path, 'workbook.xlsx'), now }),
      await exportQuestionnaire({ core, templatesDir, language: 'en', institutionId: demo.institutions.B, frameworkKey: core.frameworks.list()[0]!.key, outPath: join(folder.path, 'questionnaire.xlsx'), now }),
    ].map((result) => result.path);
    const outDir = join(folder.path, 'pdf');
    // One LibreOffice run for all files: its start-up is most of the cost.
    const run = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${join(folder.path, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, ...files], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    for (const file of files) {
      const pdf = join(outDir, file.split('/').pop()!.replace(/\.(docx|xlsx)$/, '.pdf'));
      expect(existsSync(pdf), `${pdf} was not written`).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(5_000);
    }
    if (existsSync('/usr/bin/pdfinfo')) {
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [join(outDir, 'readiness.pdf')]).toString())?.[1]);
      expect(pages).toBeGreaterThan(5);
    }
  }, 300_000);
});
