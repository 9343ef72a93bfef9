/**
 * Every import path, fuzzed (fast-check) through the services the app calls, over a real data
 * folder: framework files (FrameworkCatalog.importFrom), filled partner questionnaires
 * (previewQuestionnaire) and exchange files (ExchangeService.preview, then apply). For each case:
 *   - no crash: the answer is a result or an AppError, never another exception;
 *   - no hang: each case finishes within a time budget;
 *   - a clear message: a known code and a sentence a QA officer can act on;
 *   - no partial write: after a refused import the data folder is byte-for-byte as before.
 * (The exchange reader's own hostile-file tests are in test/unit/electron/exchange.)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { exportQuestionnaire } from '../../electron/export';
import { previewQuestionnaire } from '../../electron/import/questionnaire';
import { createExchangeFile } from '../../electron/exchange/write';
import { parseFrameworkText } from '../../electron/services/frameworks';
import { columns, sheetNames } from '../../electron/export/xlsx/questionnaire-layout';
import { AppError, type ErrorCode } from '../../shared/errors';
import { expectClearMessage } from '../unit/electron/exchange/refusals';
import { makeParty, partnerProfile, sampleAssessment, sampleFramework, type Party } from '../support/exchange-factories';
import { sampleProfile } from '../support/factories';
import { fileTree } from '../support/file-tree';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { builtInGuide } from '../support/built-in-guides';

function clearMessage(message: string): void {
  expectClearMessage(
    message,
  );
}

/**
 * A case not answered within this time is taken as hung (an endless loop or a blow-up on hostile
 * input). It is a hang guard, not a speed check: speed is measured by `npm run bench`, and this
 * limit is far above any case on a loaded two-core machine.
 */
const hangLimitMs = 30_000;
const refusalCodes: readonly ErrorCode[] = ['INVALID_FILE', 'VALIDATION', 'FILE_TOO_LARGE', 'NEWER_VERSION', 'CONFLICT', 'SIGNATURE_INVALID', 'KEY_CHANGED', 'KEY_UNKNOWN', 'NOT_FOUND'];

let work: Awaited<ReturnType<typeof tempFolder>>;
let dataDir: string;
let core: Core;
let partnerId: string;
let frameworkKey: string;
let caseNumber = 0;

beforeAll(async () => {
  work = await tempFolder('trustbridge-hostile-');
  dataDir = join(work.path, 'data');
  const open = () => openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
  const first = await open();
  await first.institutions.saveOwn(sampleProfile());
  await first.store.updateSettings({ userName: 'Jordi Puig', setupCompleted: true });
  await first.institutions.createPartner(partnerProfile());
  await first.close();
  // Opened again: the first open's background snapshot is done, so nothing writes on its own now.
  core = await open();
  partnerId = core.institutions.list().find((item) => item.kind === 'partner')!.id;
  frameworkKey = builtInGuide(core, '1.0').key;
});

afterAll(async () => {
  await core?.close();
  await work?.remove();
});

/** Runs one import case: not hung, a result or a clear AppError, and (when refused) nothing written. */
async function importCase(
  content: Uint8Array | string,
  extension: string,
  run: (path: string) => Promise<unknown>,
  options: { storesNothing?: boolean } = {},
): Promise<'accepted' | 'refused'> {
  caseNumber += 1;
  const path = join(work.path, `case-${caseNumber}.${extension}`);
  await writeFile(path, content);
  const before = await fileTree(dataDir);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    run(path).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise<{ hung: true }>((resolve) => {
      timer = setTimeout(() => resolve({ hung: true }), hangLimitMs);
    }),
  ]);
  clearTimeout(timer);
  expect('hung' in outcome, `case ${caseNumber} did not finish within ${hangLimitMs} ms`).toBe(false);
  if ('error' in outcome) {
    const error = outcome.error;
    expect(error, `case ${caseNumber} threw something that is not an AppError: ${String(error)}`).toBeInstanceOf(AppError);
    expect(refusalCodes).toContain((error as AppError).code);
    clearMessage((error as AppError).message);
    expect(await fileTree(dataDir), `case ${caseNumber} was refused but changed the data folder`).toEqual(before);
    return 'refused';
  }
  if (options.storesNothing) expect(await fileTree(dataDir), `case ${caseNumber} only previews, but changed the data folder`).toEqual(before);
  return 'accepted';
}

// ------------------------------------------------------------------------------------------------
// mutations

const byteEdit = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type ByteEdit = typeof byteEdit extends fc.Arbitrary<infer T> ? T : never;

function mutate(base: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let bytes = Buffer.from(base);
  for (const edit of edits) {
    const at = bytes.length ? edit.at % bytes.length : 0;
    if (edit.kind === 'replace' && bytes.length) bytes[at] = edit.byte;
    else if (edit.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
    else if (edit.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + edit.length)]);
    else if (edit.kind === 'truncate') bytes = bytes.subarray(0, at);
  }
  return new Uint8Array(bytes);
}

/** Replaces the n-th value (in walk order) of a JSON document by another: valid JSON, wrong content. */
function replaceNth(document: unknown, n: number, value: unknown): unknown {
  let count = 0;
  const walk = (node: unknown): unknown => {
    if (count++ === n) return value;
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item)]));
    return node;
  };
  const result = walk(document);
  return count <= n ? value : result;
}

const hostileJsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown),
  fc.string({ minLength: 0, maxLength: 30 }).map((s) => `=HYPERLINK("http://x.example","${s}")`),
  fc.constant('\u0000\u0007\ud800'),
  fc.constant('x'.repeat(70_000)),
  fc.integer({ min: 1, max: 40 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
);

// ------------------------------------------------------------------------------------------------

describe('framework files', () => {
  let guideText: string;

  beforeAll(async () => {
    guideText = await readFile(join(templatesDir, 'frameworks', 'trustbridge-guide', 'en.json'), 'utf8');
  });

  it('parseFrameworkText answers every string with a framework or an error, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value))), (text) => {
        const result = parseFrameworkText(text);
        if (!result.ok) clearMessage(result.error.message);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses random bytes, broken copies of the guide and guides with hostile values, writing nothing', async () => {
    const cases = fc.oneof(
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => ({ kind: 'bytes', content: bytes as Uint8Array | string })) },
      { weight: 2, arbitrary: fc.array(byteEdit, { minLength: 1, maxLength: 4 }).map((edits) => ({ kind: 'mutated', content: mutate(Buffer.from(guideText), edits) as Uint8Array | string })) },
      {
        weight: 3,
        arbitrary: fc.tuple(fc.nat({ max: 5000 }), hostileJsonValue).map(([n, value]) => ({ kind: 'json', content: JSON.stringify(replaceNth(JSON.parse(guideText), n, value)) as Uint8Array | string })),
      },
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ({ content }) => {
        const outcome = await importCase(content, 'json', (path) => core.frameworks.importFrom(path));
        // The guide itself, or a copy whose change is harmless, is "imported" as the built-in one it equals.
        if (outcome === 'refused') refused += 1;
      }),
      { numRuns: 120 },
    );
    expect(refused).toBeGreaterThan(60);
    expect(core.frameworks.list().filter((item) => item.origin !== 'built-in')).toEqual([]);
  });

  it('refuses a 100,000-level nesting and a prototype key without a stack overflow', async () => {
    expect(await importCase('['.repeat(100_000) + ']'.repeat(100_000), 'json', (path) => core.frameworks.importFrom(path))).toBe('refused');
    expect(await importCase(guideText.replace('"format"', '"__proto__": {"polluted": true}, "format"'), 'json', (path) => core.frameworks.importFrom(path))).toBe('refused');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('filled partner questionnaires', () => {
  let questionnaire: Uint8Array;

  beforeAll(async () => {
    const path = join(work.path, 'questionnaire.xlsx');
    await exportQuestionnaire({ core, templatesDir, language: 'en', institutionId: partnerId, frameworkKey, outPath: path });
    questionnaire = new Uint8Array(await readFile(path));
  });

  const preview = (path: string) => previewQuestionnaire({ core, path });

  it('refuses random bytes and broken workbooks, writing nothing', async () => {
    const cases = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.array(byteEdit, { minLength: 1, maxLength: 3 }).map((edits) => mutate(questionnaire, edits)),
    );
    await fc.assert(
      fc.asyncProperty(cases, async (content) => {
        await importCase(content, 'xlsx', preview, { storesNothing: true });
      }),
      { numRuns: 60 },
    );
  });

  it('names a refused part of a workbook in one clean line, whatever bytes its name holds', async () => {
    // Found by the property above: a damaged central directory gave a part name with a line break
    // and control bytes, which the message repeated as it was.
    const bytes = Buffer.from(questionnaire);
    // The part's entry in the central directory, the archive's last mention of its name.
    const entry = bytes.lastIndexOf(Buffer.from('xl/theme/theme1.xml')) - 46;
    expect(bytes.readUInt32LE(entry)).toBe(0x02014b50);
    bytes.write('xl/th\n\u0001e/th\r\nme.xml', entry + 46, 19, 'latin1');
    bytes.writeUInt32LE(0xfffffff0, entry + 24);
    expect(await importCase(bytes, 'xlsx', preview, { storesNothing: true })).toBe('refused');
    await expect(preview(join(work.path, `case-${caseNumber}.xlsx`))).rejects.toMatchObject({ message: 'A part of this workbook (xl/th??e/th??me.xml) would unpack to more than 30 MB. It was refused as unsafe.' });
  });

  it('previews workbooks with hostile cell values without storing anything, naming every problem', async () => {
    const cell = fc.record({
      row: fc.integer({ min: 1, max: 70 }),
      column: fc.constantFrom(columns.key, columns.level, columns.notApplicable, columns.naReason, columns.justification, columns.evidence, columns.id),
      value: fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant('x'.repeat(40_000)),
        fc.constant('=1+2'),
        fc.constant('\u0000\u001b[31m'),
        fc.constantFrom('LEG-01', 'ZZ-99', '__proto__', '4 – Exemplary', '7', 'Yes', 'No'),
      ),
    });
    const identity = fc.record({ row: fc.integer({ min: 1, max: 13 }), value: fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant('trustbridge-questionnaire')) });
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 12 }), fc.option(identity, { nil: undefined }), async (cells, identityEdit) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(questionnaire) as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet(sheetNames.questionnaire)!;
        for (const { row, column, value } of cells) sheet.getCell(row, column).value = value;
        if (identityEdit) workbook.getWorksheet(sheetNames.identity)!.getCell(identityEdit.row, 2).value = identityEdit.value;
        const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
        let previewed: Awaited<ReturnType<typeof previewQuestionnaire>> | undefined;
        // A preview stores nothing, accepted or not; every problem it names says what and what to do.
        await importCase(
          bytes,
          'xlsx',
          async (path) => {
            previewed = await preview(path);
          },
          { storesNothing: true },
        );
        for (const problem of previewed?.problems ?? []) {
          expect(problem.problem.length).toBeGreaterThan(10);
          expect(problem.whatToDo.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('exchange files, through the import the app uses', () => {
  let party: Party;
  let valid: Uint8Array;

  beforeAll(async () => {
    party = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
    const framework = sampleFramework(2);
    const assessment = sampleAssessment({}, { framework, subject: { institutionId: 'inst-b', legalName: party.profile.legalName, country: party.profile.country } });
    valid = await createExchangeFile({ issuer: party.issuer, items: [{ type: 'framework', framework }, { type: 'assessment', assessment }] }, party.keyRing, party.signer);
  });

  afterAll(async () => {
    await party?.remove();
  });

  /** Preview, then apply as the Import page does; a refused file must not be applicable. */
  async function importExchange(path: string): Promise<void> {
    const [previewed] = await core.exchange.preview([path]);
    if (!previewed) throw new Error('no preview');
    if (!previewed.ok) {
      clearMessage(previewed.error!.message);
      expect(refusalCodes).toContain(previewed.error!.code);
      await core.exchange.apply([previewed.token]);
      throw new Error('a refused file was applied');
    }
  }

  it('refuses random bytes, random JSON and mutated signed files, and a refused file cannot be applied', async () => {
    const cases = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => new Uint8Array(Buffer.from(JSON.stringify(value)))),
      fc.array(byteEdit, { minLength: 1, maxLength: 3 }).map((edits) => mutate(valid, edits)),
      fc.tuple(fc.nat({ max: 400 }), hostileJsonValue).map(([n, value]) => new Uint8Array(Buffer.from(JSON.stringify(replaceNth(JSON.parse(Buffer.from(valid).toString('utf8')), n, value))))),
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (content) => {
        const outcome = await importCase(content, 'trustbridge', importExchange);
        if (outcome === 'refused') refused += 1;
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeGreaterThan(120);
    // Nothing of the partner's file got in.
    expect(core.assessments.list()).toEqual([]);
  });
});
