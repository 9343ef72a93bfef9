/**
 * The brief for top management, written by `trustbridge report --kind brief` over the demo and
 * converted by LibreOffice: at most four pages on A4 and on Letter paper, the decision first, then
 * the chart, blockers, conditions and the next review date. The readiness report opens with its
 * executive summary on page 1. Skipped with a message where LibreOffice is absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run';
import { convertToPdf } from '../../../support/libreoffice';
import { templatesDir } from '../../../support/paths';
import { copyOfDemo } from '../../../support/shared-demo';
import { tempFolder } from '../../../support/temp';

const soffice = '/usr/bin/soffice';
const hasLibreOffice = existsSync(soffice) && existsSync('/usr/bin/pdfinfo') && existsSync('/usr/bin/pdftotext');
if (!hasLibreOffice) console.warn('Brief page count skipped: LibreOffice (soffice), pdfinfo or pdftotext is not installed.');

let folder: Awaited<ReturnType<typeof tempFolder>>;
let partnership = '';

async function cli(args: string[]): Promise<void> {
  const lines: string[] = [];
  const code = await runCli(args, { out: (text) => lines.push(text), err: (text) => lines.push(text), cwd: folder.path });
  expect(code, lines.join('\n')).toBe(0);
}

/** The same document on US Letter paper, as an officer in a Letter country prints it. */
function onLetter(docx: string): string {
  const out = docx.replace(/\.docx$/, '-letter.docx');
  execFileSync('/usr/bin/python3', ['-c', `
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'word/document.xml':
            data = re.sub(rb'<w:pgSz [^>]*/>', b'<w:pgSz w:w="12240" w:h="15840"/>', data)
        zout.writestr(item, data)
`, docx, out]);
  return out;
}

const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [pdf]).toString())?.[1]);
const pdfText = (pdf: string, page?: number) =>
  execFileSync('/usr/bin/pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-']).toString();

beforeAll(async () => {
  folder = await tempFolder('trustbridge-brief-');
  process.env['TRUSTBRIDGE_TEMPLATES'] = templatesDir;
  // The demo `trustbridge demo` writes (report-commands.test.ts runs that command), copied from the run's one.
  partnership = (await copyOfDemo({ dataDir: join(folder.path, 'demo'), outDir: join(folder.path, 'demo', 'demo-exchange') })).demo.partnership;
}, 120_000);

afterAll(async () => {
  await folder?.remove();
});

const languages = ['en', 'es', 'de'] as const;

describe.skipIf(!hasLibreOffice)('the brief for top management', () => {
  /** Each document's PDF, by its Word file's name: all converted in one LibreOffice run. */
  const pdfOf = new Map<string, string>();

  beforeAll(async () => {
    const docs: string[] = [];
    for (const language of languages) {
      const docx = join(folder.path, `brief-${language}.docx`);
      await cli(['report', '--kind', 'brief', '--format', 'docx', '--in', 'demo', '--id', partnership, '--out', docx, '--language', language]);
      docs.push(docx, onLetter(docx));
    }
    const readiness = join(folder.path, 'readiness.docx');
    await cli(['report', '--kind', 'readiness', '--format', 'docx', '--in', 'demo', '--id', partnership, '--out', readiness]);
    docs.push(readiness);
    const pdfs = convertToPdf(soffice, docs, folder.path);
    docs.forEach((docx, index) => pdfOf.set(docx, pdfs[index]!));
  }, 240_000);

  it.each(languages)('in %s: at most four pages on A4 and on Letter, the decision first and the next review last', (language) => {
    const docx = join(folder.path, `brief-${language}.docx`);
    const a4 = pdfOf.get(docx)!;
    const letter = pdfOf.get(docx.replace(/\.docx$/, '-letter.docx'))!;
    expect(pages(a4)).toBeLessThanOrEqual(4);
    expect(pages(letter)).toBeLessThanOrEqual(4);
    expect(execFileSync('/usr/bin/pdfinfo', [letter]).toString()).toMatch(/Page size:\s+612 x 792/);

    const text = pdfText(a4);
    // The headings as the report templates word them, in the order top management reads them.
    const texts = JSON.parse(readFileSync(join(templatesDir, 'reports', `${language}.json`), 'utf8')) as Record<string, Record<string, string>>;
    const words = [
      `${texts['readiness']!['decision']}: ${texts['bands']!['conditional']}`,
      texts['readiness']!['blockersHeading']!,
      texts['readiness']!['conditionsHeading']!,
      texts['brief']!['nextReviewHeading']!,
    ];
    const positions = words.map((word) => text.indexOf(word));
    expect(positions.every((at) => at >= 0), `${words.join(' / ')} in ${text.slice(0, 400)}`).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('keeps the full readiness report, with its executive summary on page 1', () => {
    const pdf = pdfOf.get(join(folder.path, 'readiness.docx'))!;
    expect(pages(pdf)).toBeGreaterThan(10);
    const first = pdfText(pdf, 1);
    expect(first).toContain('Executive summary');
    expect(first).toContain('Decision: Ready with conditions');
  });

  it('is refused in another format than Word, with what to do', async () => {
    const lines: string[] = [];
    const code = await runCli(['report', '--kind', 'brief', '--format', 'xlsx', '--in', 'demo', '--id', partnership, '--out', 'x.xlsx'], { out: (t) => lines.push(t), err: (t) => lines.push(t), cwd: folder.path });
    expect(code).toBe(2);
    expect(lines.join('\n')).toContain('--kind brief is written as --format docx');
  });
});
