/**
 * Hostile content that passes the signature. The fuzzing in hostile-input.test.ts mostly stops at
 * "signature invalid"; here every case is a payload correctly signed by a known partner's real key
 * (Tampere's, from the demo), so it reaches the schema, the preview and the apply. Cases are drawn
 * from every item type of the demo's exchange files (assessments, framework, institutions,
 * partnership, agreement) and broken on purpose: hostile values anywhere, oversized and deeply
 * nested values, unknown members, hostile strings, ids that collide with stored documents, dates
 * out of range, and a framework with a million criteria. Each case goes through preview and, when
 * the preview accepts it, apply, as the Import page does:
 *   - no crash: a result or an AppError with a known code, never another exception;
 *   - a clear message;
 *   - nothing stored on refusal: the data folder is byte for byte as before.
 * The filled questionnaire is fuzzed the same way through "Accept and store". A fixed number of
 * cases, whatever the machine's load.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { exportQuestionnaire } from '../../electron/export';
import { acceptQuestionnaire, previewQuestionnaire } from '../../electron/import/questionnaire';
import { demoPassphrase } from '../../electron/demo/demo-exchange';
import { serialiseExchangeFile } from '../../electron/exchange/write';
import { columns, sheetNames } from '../../electron/export/xlsx/questionnaire-layout';
import { KeyRing } from '../../electron/keys/key-ring';
import { createPassphraseProtector } from '../../electron/keys/passphrase-protector';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { Signer } from '../../shared/exchange/schema';
import { expectClearMessage } from '../unit/electron/exchange/refusals';
import { fileTree } from '../support/file-tree';
import { templatesDir } from '../support/paths';
import { copyOfDemo } from '../support/shared-demo';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { builtInGuide } from '../support/built-in-guides';

const refusalCodes: readonly ErrorCode[] = ['INVALID_FILE', 'VALIDATION', 'FILE_TOO_LARGE', 'NEWER_VERSION', 'CONFLICT', 'SIGNATURE_INVALID', 'KEY_CHANGED', 'KEY_UNKNOWN', 'NOT_FOUND', 'LOCKED'];
const now = () => new Date('2026-11-23T09:00:00.000Z');

let work: Awaited<ReturnType<typeof tempFolder>>;
let dataDir: string;
let core: Core;
let tampere: KeyRing;
let signer: Signer;
/** Every item of the demo's exchange files, and the issuer Tampere signs as. */
let items: Array<Record<string, unknown>>;
let issuer: unknown;
/** Ids of documents stored in the receiving folder, for collisions. */
let storedIds: string[];
let caseNumber = 0;
const outcomes = { accepted: 0, refusedAtPreview: 0, refusedAtApply: 0 };

beforeAll(async () => {
  work = await tempFolder('trustbridge-signed-hostile-');
  const demoDir = join(work.path, 'demo');
  const { exchange } = await copyOfDemo({ dataDir: demoDir, outDir: join(work.path, 'exchange') });
  dataDir = join(work.path, 'receiver');
  await cp(demoDir, dataDir, { recursive: true });
  core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
  await core.store.snapshotSettled();
  tampere = await KeyRing.open({ dataDir: exchange.partnerDataDir, now });
  await tampere.unlock(createPassphraseProtector(demoPassphrase));
  const payloadOf = async (path: string) => (JSON.parse(await readFile(path, 'utf8')) as { payload: { issuer: unknown; items: Array<Record<string, unknown>> } }).payload;
  const fromB = await payloadOf(exchange.files.fromB);
  issuer = fromB.issuer;
  items = [...fromB.items, ...(await payloadOf(exchange.files.fromA)).items, ...(await payloadOf(exchange.files.agreementCountersigned)).items];
  signer = { name: 'Laura Virtanen', role: 'Head of Quality Services', institution: 'Tampere Test University' };
  storedIds = [...core.institutions.list(), ...core.assessments.list(), ...core.partnerships.list()].map((item) => item.id);
  expect(new Set(items.map((item) => item['type']))).toEqual(new Set(['assessment', 'framework', 'institution', 'partnership', 'agreement']));
}, 180_000);

afterAll(async () => {
  await core?.close();
  await work?.remove();
});

/** The data folder once the catalogue writes an accepted case scheduled are done. */
async function settledTree(): Promise<Record<string, string>> {
  await core.store.flush();
  return fileTree(dataDir);
}

/** Signs `payload` as Tampere, imports it as the Import page does, and checks the promises. */
async function signedCase(payload: unknown): Promise<'accepted' | 'refused'> {
  caseNumber += 1;
  const path = join(work.path, `case-${caseNumber}.trustbridge`);
  const signature = await tampere.sign(payload, signer);
  await writeFile(path, serialiseExchangeFile(payload, [signature]));
  const before = await settledTree();
  const label = `case ${caseNumber}`;
  let refused: unknown;
  try {
    const [preview] = await core.exchange.preview([path]);
    if (!preview) throw new Error('no preview');
    if (!preview.ok) {
      expect(refusalCodes, `${label}: ${preview.error!.code} ${preview.error!.message}`).toContain(preview.error!.code);
      expectClearMessage(preview.error!.message);
      outcomes.refusedAtPreview += 1;
      expect(await settledTree(), `${label} was refused at preview but changed the data folder`).toEqual(before);
      await expect(core.exchange.apply([preview.token]), `${label}: a refused file was applied`).rejects.toMatchObject({ code: 'NOT_FOUND' });
      return 'refused';
    }
    await core.exchange.apply([preview.token]);
    outcomes.accepted += 1;
    return 'accepted';
  } catch (error) {
    refused = error;
  }
  expect(refused, `${label} threw something that is not an AppError: ${String(refused)} ${(refused as Error)?.stack ?? ''}`).toBeInstanceOf(AppError);
  expect(refusalCodes, `${label}: ${(refused as AppError).code} ${(refused as AppError).message}`).toContain((refused as AppError).code);
  expectClearMessage((refused as AppError).message);
  expect(await settledTree(), `${label} was refused at apply but changed the data folder`).toEqual(before);
  outcomes.refusedAtApply += 1;
  return 'refused';
}

// ------------------------------------------------------------------------------------------------
// hostile payloads

/** The n-th value of a JSON tree (walk order) replaced. */
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

/** The n-th object of a JSON tree with one more member. */
function addMember(document: unknown, n: number, key: string, value: unknown): unknown {
  let count = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      const copy = Object.fromEntries(Object.entries(node).map(([k, item]) => [k, walk(item)]));
      if (count++ === n) Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    }
    return node;
  };
  return walk(document);
}

/** Every string at a key named like an id or a date replaced (ids with stored ones, dates with out-of-range ones). */
function replaceKeyed(document: unknown, pattern: RegExp, pick: (index: number) => unknown): unknown {
  let index = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, pattern.test(key) && typeof item === 'string' ? pick(index++) : walk(item)]));
    }
    return node;
  };
  return walk(document);
}

const hostileStrings = [
  '',
  ' ',
  '\u0000\u0007\u001b[31m',
  '\ud800',
  '\u202egnp.exe',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x.example","click")',
  '../../../../etc/passwd',
  'C:\\Windows\\System32',
  '__proto__',
  'constructor',
  '𝕿𝖗𝖚𝖘𝖙 👩‍👩‍👧‍👦',
  'x'.repeat(99_000),
];
const outOfRangeDates = ['+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-02-30T10:00:00.000Z', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', 'yesterday', '2026-13-01'];

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...outOfRangeDates),
  fc.constantFrom(-1, 0, 1e308, -0, 2 ** 53 + 1, 4.5, 5, 1000),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.integer({ min: 10, max: 60 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  fc.integer({ min: 10, max: 60 }).map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown),
  fc.constant(Array.from({ length: 20_000 }, (_, i) => `entry ${i}`)),
);

const itemIndex = fc.nat();
const hostilePayload = fc.oneof(
  // A value anywhere in one item replaced.
  fc.tuple(itemIndex, fc.nat({ max: 3000 }), hostileValue).map(([i, n, value]) => [replaceNth(items[i % items.length], n, value)]),
  // An unknown member in one of the item's objects.
  fc.tuple(itemIndex, fc.nat({ max: 200 }), fc.constantFrom('extra', '__proto__', 'constructor', 'toString', 'x'.repeat(300)), hostileValue).map(([i, n, key, value]) => [addMember(items[i % items.length], n, key, value)]),
  // Ids that collide with stored documents, or with each other.
  fc.tuple(itemIndex, fc.nat()).map(([i, seed]) => [replaceKeyed(items[i % items.length], /^(id|seriesId|institutionId|institutionA|institutionB|subjectId|partnershipId)$/, (k) => storedIds[(seed + k) % storedIds.length])]),
  // Dates out of range.
  fc.tuple(itemIndex, fc.nat()).map(([i, seed]) => [replaceKeyed(items[i % items.length], /(At|Date|On|Until|From)$|^(date|validUntil|issuedAt)$/, (k) => outOfRangeDates[(seed + k) % outOfRangeDates.length])]),
  // Several items, some repeated, in any order.
  fc.array(itemIndex, { minLength: 2, maxLength: 8 }).map((indexes) => indexes.map((i) => items[i % items.length])),
);

describe('hostile payloads under a valid signature of a known partner', () => {
  it('the untouched payloads are accepted, so the cases below reach past the signature', async () => {
    for (const item of items) {
      const outcome = await signedCase({ issuedAt: '2026-11-23T08:00:00.000Z', issuer, items: [item] });
      // The agreement needs its drafter's signature too; every other item is taken.
      if (item['type'] !== 'agreement') expect(outcome, `${String(item['type'])} item`).toBe('accepted');
    }
  }, 120_000);

  it('answers 300 hostile payloads with a result or a clear refusal, storing nothing on refusal', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostilePayload, fc.boolean(), async (payloadItems, oddIssuedAt) => {
        const payload = { issuedAt: oddIssuedAt ? '+275760-09-13T00:00:00.000Z' : '2026-11-23T08:00:00.000Z', issuer, items: payloadItems };
        if ((await signedCase(payload)) === 'refused') refused += 1;
      }),
      { numRuns: 300, seed: 16, endOnFailure: true },
    );
    // Most hostile payloads are refused; their refusals happened past the signature.
    expect(refused).toBeGreaterThan(150);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    console.info(`signed hostile payloads: ${JSON.stringify(outcomes)}`);
  }, 600_000);

  it('refuses a framework with a million criteria, and one with as many as fit in a file, with a clear message', async () => {
    const framework = items.find((item) => item['type'] === 'framework')!['framework'] as { dimensions: Array<{ criteria: Array<Record<string, unknown>> }> };
    const criterion = framework.dimensions[0]!.criteria[0]!;
    // A million criteria as small as a criterion can be (the file is larger than the limit), and
    // full criteria up to about 15 MB (under the limit: they reach the schema).
    const fitting = Math.floor(15_000_000 / JSON.stringify(criterion).length);
    for (const [count, make] of [
      [1_000_000, (i: number) => ({ id: `X-${i}` })],
      [fitting, (i: number) => ({ ...criterion, id: `X-${i}` })],
    ] as const) {
      const criteria = Array.from({ length: count }, (_, i) => make(i));
      const huge = { ...framework, dimensions: [{ ...framework.dimensions[0], criteria }] };
      expect(await signedCase({ issuedAt: '2026-11-23T08:00:00.000Z', issuer, items: [{ type: 'framework', framework: huge }] }), `${count} criteria`).toBe('refused');
    }
  }, 300_000);
});

describe('hostile questionnaires through "Accept and store"', () => {
  it('stores a previewed questionnaire only when it has no errors, and nothing on refusal, over 40 workbooks', async () => {
    const partner = core.institutions.list().find((item) => item.kind === 'partner')!;
    const frameworkKey = builtInGuide(core, '1.0').key;
    const blank = join(work.path, 'questionnaire.xlsx');
    await exportQuestionnaire({ core, templatesDir, language: 'en', institutionId: partner.id, frameworkKey, outPath: blank });
    const questionnaire = await readFile(blank);
    const cell = fc.record({
      row: fc.integer({ min: 1, max: 70 }),
      column: fc.constantFrom(columns.key, columns.level, columns.notApplicable, columns.naReason, columns.justification, columns.evidence, columns.id),
      value: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constantFrom(...hostileStrings.filter((s) => s.length < 40_000)), fc.constantFrom('LEG-01', 'ZZ-99', '4 – Exemplary', '3', 'Yes', 'No', ...storedIds)),
    });
    const identity = fc.record({ row: fc.integer({ min: 1, max: 13 }), value: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...storedIds, ...outOfRangeDates)) });
    let stored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 0, maxLength: 12 }), fc.option(identity, { nil: undefined }), async (cells, identityEdit) => {
        caseNumber += 1;
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(questionnaire) as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet(sheetNames.questionnaire)!;
        for (const { row, column, value } of cells) sheet.getCell(row, column).value = value;
        if (identityEdit) workbook.getWorksheet(sheetNames.identity)!.getCell(identityEdit.row, 2).value = identityEdit.value;
        const path = join(work.path, `case-${caseNumber}.xlsx`);
        await writeFile(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
        const before = await fileTree(dataDir);
        const count = core.assessments.list().length;
        let preview: Awaited<ReturnType<typeof previewQuestionnaire>>;
        try {
          preview = await previewQuestionnaire({ core, path, now });
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(AppError);
          expectClearMessage((error as AppError).message);
          expect(await fileTree(dataDir)).toEqual(before);
          refused += 1;
          return;
        }
        const errors = preview.problems.filter((problem) => problem.severity === 'error');
        try {
          const assessment = await acceptQuestionnaire({ core, preview });
          expect(errors, 'a questionnaire with errors was stored').toEqual([]);
          expect((await core.assessments.get(assessment.id)).id).toBe(assessment.id);
          expect(core.assessments.list()).toHaveLength(count + 1);
          stored += 1;
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(AppError);
          expect(refusalCodes).toContain((error as AppError).code);
          expectClearMessage((error as AppError).message);
          expect(await fileTree(dataDir), 'a refused questionnaire changed the data folder').toEqual(before);
          refused += 1;
        }
      }),
      { numRuns: 40, seed: 16, endOnFailure: true },
    );
    expect(stored + refused).toBe(40);
    expect(stored).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 600_000);
});
