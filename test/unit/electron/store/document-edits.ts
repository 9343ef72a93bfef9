/**
 * Random changes to stored documents, made as the services make them (copying the path to what
 * changes, sharing everything else), and the real documents of every kind to make them on: the
 * demo store, with an agreement and a framework of the user's own added. Used by the tests of
 * validation by change and of the reuse of serialised text.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { openCore } from '../../../../electron/app/core';
import { writeDemoData } from '../../../../electron/demo/demo-data';
import { agreementKind } from '../../../../electron/services/agreements';
import { frameworkKind } from '../../../../electron/services/frameworks';
import { institutionKind } from '../../../../electron/services/institutions';
import { partnershipKind } from '../../../../electron/services/partnerships';
import { deepFreeze } from '../../../../electron/store/frozen';
import { assessmentSchema } from '../../../../shared/assessment/schema';
import { templatesDir } from '../../../support/paths';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { tempFolder } from '../../../support/temp';
import { builtInGuide } from '../../../support/built-in-guides';

export type Json = unknown;

/** Every path to a value in a document (objects' keys, arrays' indexes), the root included. */
function pathsOf(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((child, index) => pathsOf(child, [...prefix, index], out));
  else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) pathsOf(child, [...prefix, key], out);
  return out;
}

export type Edit =
  | { type: 'set'; value: Json }
  | { type: 'delete' }
  | { type: 'addKey'; key: string; value: Json }
  | { type: 'append'; value: Json }
  | { type: 'truncate' }
  /** Copies the path down to the value and keeps it: a save that changes nothing there (valid). */
  | { type: 'touch' };

/** Applies an edit at a path as a service would: copies along the path, shares the rest. */
export function edit(root: Json, path: ReadonlyArray<string | number>, change: Edit): Json {
  if (path.length === 0) {
    switch (change.type) {
      case 'set':
        return change.value;
      case 'delete':
        return undefined;
      case 'addKey':
        return root !== null && typeof root === 'object' && !Array.isArray(root) ? { ...root, [change.key]: change.value } : change.value;
      case 'append':
        return Array.isArray(root) ? [...root, change.value] : change.value;
      case 'truncate':
        return Array.isArray(root) ? root.slice(0, Math.floor(root.length / 2)) : root;
      case 'touch':
        return Array.isArray(root) ? [...root] : root !== null && typeof root === 'object' ? { ...root } : root;
    }
  }
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = edit(root[head as number], rest, change);
    return copy;
  }
  const object = root as Record<string, Json>;
  if (rest.length === 0 && change.type === 'delete') {
    const { [head as string]: _removed, ...others } = object;
    return others;
  }
  return { ...object, [head as string]: edit(object[head as string], rest, change) };
}

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 9 }),
  fc.double({ noNaN: false }),
  fc.constantFrom('', '  padded  ', 'XY-01', 'xy-1', 'self', 'audit', 'draft', 'complete', 'local', 'level', 'de', 'en', '2026-01-01T00:00:00.000Z', 'x'.repeat(5000)),
  fc.string({ maxLength: 12 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ level: 2, notApplicable: false, naReason: '', justification: 'ok', evidence: [], requestedEvidence: '', carriedOver: false }),
  fc.constant({ at: '2026-01-01T00:00:00.000Z', by: 'A. Person', field: 'level', from: '1', to: '2' }),
  fc.constant({ at: '2026-01-01T00:00:00.000Z', by: 'A. Person', field: 'nonsense', from: '1', to: '2' }),
);

/** A random edit somewhere in `document`: a value from elsewhere in it (often valid), or any value. */
export function changes(document: Json): fc.Arbitrary<Array<{ path: Array<string | number>; change: Edit }>> {
  const paths = pathsOf(document);
  const donors = paths.map((path) => path.reduce<Json>((value, key) => (value as Record<string | number, Json>)[key], document));
  const value = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...donors) }, { weight: 1, arbitrary: anyValue });
  const oneEdit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 4, arbitrary: value.map((v): Edit => ({ type: 'set', value: v })) },
    { weight: 1, arbitrary: fc.constant<Edit>({ type: 'delete' }) },
    { weight: 1, arbitrary: fc.record({ key: fc.constantFrom('extra', 'XY-99', 'ZZ-01', 'bad key', 'note', 'label'), value }).map((v): Edit => ({ type: 'addKey', ...v })) },
    { weight: 2, arbitrary: value.map((v): Edit => ({ type: 'append', value: v })) },
    { weight: 1, arbitrary: fc.constant<Edit>({ type: 'truncate' }) },
    { weight: 3, arbitrary: fc.constant<Edit>({ type: 'touch' }) },
  );
  return fc.array(fc.record({ path: fc.constantFrom(...paths.slice(1)), change: oneEdit }), { minLength: 1, maxLength: 3 });
}

/** Applies the edits, each on the result of the one before; a path that no longer exists is skipped. */
export function applied(document: Json, edits: ReadonlyArray<{ path: Array<string | number>; change: Edit }>): Json {
  let next = document;
  for (const { path, change } of edits) {
    let parent: Json = next;
    let reachable = true;
    for (const key of path.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') {
        reachable = false;
        break;
      }
      parent = (parent as Record<string | number, Json>)[key];
    }
    if (reachable && parent !== null && typeof parent === 'object') next = edit(next, path, change);
  }
  return next;
}

export const schemas: Record<string, z.ZodType> = {
  institutions: institutionKind.schema,
  frameworks: frameworkKind.schema,
  assessments: assessmentSchema,
  partnerships: partnershipKind.schema,
  agreements: agreementKind.schema,
};

export interface StoredDocuments {
  documents: Array<{ collection: string; schema: z.ZodType; document: Json }>;
  remove(): Promise<void>;
}

/** Every document of the demo store (plus an agreement and an own framework), parsed and deeply frozen as the store caches them. */
export async function storedDocuments(): Promise<StoredDocuments> {
  const demo = await tempFolder('trustbridge-stored-documents-');
  const written = await writeDemoData({ dataDir: demo.path, templatesDir });
  const core = await openCore({ dataDir: demo.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });
  try {
    await core.agreements.create({ partnershipId: written.partnership, language: 'en' });
    const builtIn = builtInGuide(core, '1.0');
    await core.frameworks.clone({ key: builtIn.key, language: 'en', id: 'own-guide', title: 'Our own guide', version: '0.1' });
  } finally {
    await core.close();
  }
  const documents: StoredDocuments['documents'] = [];
  for (const [collection, schema] of Object.entries(schemas)) {
    const folder = join(demo.path, 'documents', collection);
    for (const name of (await readdir(folder)).filter((file) => file.endsWith('.json'))) {
      const stored = JSON.parse(await readFile(join(folder, name), 'utf8')) as Json;
      documents.push({ collection, schema, document: deepFreeze(schema.parse(stored)) });
    }
  }
  return { documents, remove: () => demo.remove() };
}
