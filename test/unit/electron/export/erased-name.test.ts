/**
 * An erased person in the Word and Excel exports: after the demo's decision-maker is erased, the
 * readiness report in Spanish and the workbook in German name the decision's author with the
 * report language's word for "erased", read back by python-docx and openpyxl. The store keeps the
 * one language-neutral marker.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { writeDemoData, type DemoResult } from '../../../../electron/demo/demo-data';
import { exportAssessmentWorkbook, exportReadinessReport } from '../../../../electron/export';
import { personalDataOf, personKey } from '../../../../electron/services/personal-data';
import { erasedMarker, erasedWord } from '../../../../shared/personal-data/erased';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

const python = '/usr/bin/python3';
const now = () => new Date('2026-11-23T09:00:00.000Z');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let demo: DemoResult;
let core: Core;
let decidedBy: string;

beforeAll(async () => {
  folder = await tempFolder('trustbridge-erased-export-');
  demo = await writeDemoData({ dataDir: join(folder.path, 'data'), templatesDir });
  core = await openCore({ dataDir: demo.dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
  decidedBy = (await core.partnerships.get(demo.partnership)).decision!.decidedBy;
  await personalDataOf(core, now).erase(personKey(decidedBy));
}, 180_000);

afterAll(async () => {
  await core?.close();
  await folder?.remove();
});

function hasPython(module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`]).status === 0;
}

/** Every text of a Word file (paragraphs and table cells, nested tables too), by python-docx. */
const docxTexts = `
import sys, json, docx
d = docx.Document(sys.argv[1])
out = []
def walk(container):
    for p in container.paragraphs: out.append(p.text)
    for t in container.tables:
        for row in t.rows:
            for cell in row.cells: walk(cell)
walk(d)
print(json.dumps(out))
`;

/** Every text cell of every sheet of a workbook, by openpyxl. */
const xlsxTexts = `
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]))
`;

function read(script: string, file: string): string[] {
  return JSON.parse(execFileSync(python, ['-c', script, file], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8')) as string[];
}

describe('an erased person in the exports', () => {
  it('is stored as the one marker', async () => {
    expect((await core.partnerships.get(demo.partnership)).decision!.decidedBy).toBe(erasedMarker);
  });

  it('reads as the Spanish word in the Spanish readiness report (python-docx)', async () => {
    if (!hasPython('docx')) {
      console.warn('python-docx is not installed for /usr/bin/python3: skipping (apt-get install python3-docx).');
      return;
    }
    const out = join(folder.path, 'readiness-es.docx');
    await exportReadinessReport({ core, templatesDir, language: 'es', id: demo.partnership, outPath: out, now });
    const texts = read(docxTexts, out).join('\n');
    expect(texts).toContain(erasedWord('es'));
    expect(texts).not.toContain(erasedMarker);
    expect(texts).not.toContain(decidedBy);
  });

  it('reads as the German word in the German partnership workbook (openpyxl)', async () => {
    if (!hasPython('openpyxl')) {
      console.warn('openpyxl is not installed for /usr/bin/python3: skipping (apt-get install python3-openpyxl).');
      return;
    }
    const out = join(folder.path, 'partnership-de.xlsx');
    await exportAssessmentWorkbook({ core, templatesDir, language: 'de', id: demo.partnership, outPath: out, now });
    const cells = read(xlsxTexts, out);
    expect(cells).toContain(erasedWord('de'));
    expect(cells.join('\n')).not.toContain(erasedMarker);
    expect(cells.join('\n')).not.toContain(decidedBy);
  });
});
