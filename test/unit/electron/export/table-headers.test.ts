/**
 * Word tables never break a word inside itself, in their header row ("Universida d de", "Weig
 * ht") or in a body cell ("Identitätsüberprüf ung"): the readiness report and the brief over the
 * demo, in German (the longest words) and Spanish, converted by LibreOffice, read back word by
 * word. A word split across two lines of its cell is missing, whole, from the PDF's text. Skipped with a message where
 * LibreOffice or python-docx is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run';
import { fitColumns } from '../../../../electron/export/docx/kit';
import { convertToPdf } from '../../../support/libreoffice';
import { templatesDir } from '../../../support/paths';
import { copyOfDemo } from '../../../support/shared-demo';
import { tempFolder } from '../../../support/temp';

const soffice = '/usr/bin/soffice';
const hasPythonDocx = spawnSync('/usr/bin/python3', ['-c', 'import docx']).status === 0;
const hasLibreOffice = existsSync(soffice) && existsSync('/usr/bin/pdftotext') && hasPythonDocx;
if (!hasLibreOffice) console.warn('Word table headers skipped: LibreOffice (soffice), pdftotext or python-docx is not installed.');

let folder: Awaited<ReturnType<typeof tempFolder>>;
let partnership = '';

async function cli(args: string[]): Promise<void> {
  const lines: string[] = [];
  const code = await runCli(args, { out: (text) => lines.push(text), err: (text) => lines.push(text), cwd: folder.path });
  expect(code, lines.join('\n')).toBe(0);
}

/**
 * The words of a Word file's tables: those of every header row, and how often each word of any
 * cell occurs in the whole document (cells and paragraphs). Addresses, file names and fingerprints
 * (tokens with "/", "@" or a dot inside, or over 24 characters) may wrap anywhere and are left out.
 */
function tableWords(docx: string): { header: string[]; cells: Record<string, number> } {
  const script = `
import docx, json, re, sys
from collections import Counter
document = docx.Document(sys.argv[1])
def words(text):
    found = []
    for token in text.split():
        if len(token) > 24 or re.search(r'[/@]|\\w\\.\\w', token): continue
        found += [w for w in re.findall(r'\\w+', token) if 3 <= len(w) <= 24]
    return found
header, in_cells, counts = set(), set(), Counter()
def walk(table):
    seen = set()
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            if id(cell._tc) in seen: continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                found = words(paragraph.text)
                in_cells.update(found); counts.update(found)
                if r == 0: header.update(found)
            for inner in cell.tables: walk(inner)
for paragraph in document.paragraphs: counts.update(words(paragraph.text))
for table in document.tables: walk(table)
print(json.dumps({'header': sorted(header), 'cells': {w: counts[w] for w in sorted(in_cells)}}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, docx]).toString()) as { header: string[]; cells: Record<string, number> };
}

/**
 * How often each word is printed in LibreOffice's PDF of the file. The words are read with their
 * boxes (`-bbox`), as they stand on the page: plain pdftotext would join a word hyphenated at a
 * line's end and hide the break. A word split inside itself prints as two pieces, so it is counted
 * fewer times than the document holds it.
 */
function pdfWords(pdf: string): Map<string, number> {
  const page = execFileSync('/usr/bin/pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString();
  const counts = new Map<string, number>();
  for (const [, printed] of page.matchAll(/<word [^>]*>([^<]*)<\/word>/g)) {
    const text = printed!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    for (const word of text.match(/[\p{L}\p{N}_]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  folder = await tempFolder('trustbridge-table-headers-');
  process.env['TRUSTBRIDGE_TEMPLATES'] = templatesDir;
  // The demo `trustbridge demo` writes (report-commands.test.ts runs that command), copied from the run's one.
  partnership = (await copyOfDemo({ dataDir: join(folder.path, 'demo'), outDir: join(folder.path, 'demo', 'demo-exchange') })).demo.partnership;
}, 120_000);

afterAll(async () => {
  await folder?.remove();
});

describe('column widths of a Word table', () => {
  it('widen a column too narrow for its longest header word, taking the room from columns to spare, keeping the total', () => {
    const fitted = fitColumns(
      [
        { header: 'Dimension', width: 6000 },
        { header: 'Gewicht', width: 400 },
        { header: 'Universidad de Ejemplo: selbst', width: 1000 },
      ],
      [['LEG — Institutionelle Legitimität', '1,5', '81,3 %']],
    );
    expect(fitted.reduce((sum, column) => sum + column.width, 0)).toBe(7400);
    expect(fitted[1]!.width).toBeGreaterThan(400);
    expect(fitted[2]!.width).toBeGreaterThan(1000);
    expect(fitted[0]!.width).toBeLessThan(6000);
  });

  it('keep the widths asked for when a column already holds its words', () => {
    const columns = [
      { header: 'Id', width: 1200 },
      { header: 'Criterion', width: 6000 },
    ];
    expect(fitColumns(columns, [['DAT-01', 'Learner data']])).toEqual(columns);
  });
});

const reports = [
  ['readiness', 'de'],
  ['readiness', 'es'],
  ['brief', 'de'],
] as const;

describe.skipIf(!hasLibreOffice)('Word tables through LibreOffice', () => {
  const docxOf = (kind: string, language: string) => join(folder.path, `${kind}-${language}.docx`);
  /** Each report's PDF, by its Word file: all converted in one LibreOffice run. */
  const pdfOf = new Map<string, string>();

  beforeAll(async () => {
    const docs: string[] = [];
    for (const [kind, language] of reports) {
      await cli(['report', '--kind', kind, '--format', 'docx', '--in', 'demo', '--id', partnership, '--out', docxOf(kind, language), '--language', language]);
      docs.push(docxOf(kind, language));
    }
    const pdfs = convertToPdf(soffice, docs, folder.path);
    docs.forEach((docx, index) => pdfOf.set(docx, pdfs[index]!));
  }, 240_000);

  it.each(reports)('the %s report in %s breaks no word inside itself, in a header or a body cell', (kind, language) => {
    const docx = docxOf(kind, language);
    const { header, cells } = tableWords(docx);
    expect(header.length).toBeGreaterThan(3);
    expect(Object.keys(cells).length).toBeGreaterThan(20);
    const printed = pdfWords(pdfOf.get(docx)!);
    expect(header.filter((word) => !printed.has(word))).toEqual([]);
    // Every word of a cell is printed whole as often as the document holds it ("Identitätsüberprüf ung" is not).
    expect(Object.entries(cells).filter(([word, count]) => (printed.get(word) ?? 0) < count)).toEqual([]);
  });
});
