/**
 * Frameworks: the built-in guide (read from templates/, one file per language) and a consortium's
 * own versions of it (cloned, edited as drafts, published, exported and imported as files).
 *
 * A published framework never changes: assessments pin its id, version and content fingerprint,
 * and exchange files carry it as the snapshot they were made with. Changing a published framework
 * means a new version, cloned from it.
 */
import { frameworkListItemSchema } from '../../shared/store/summaries';
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { diffFrameworks, type FrameworkDiff } from '../../shared/framework/diff';
import { frameworkFingerprint, frameworkStructureFingerprint } from '../../shared/framework/fingerprint';
import {
  criteriaOf,
  frameworkSchema,
  type Framework,
  type FrameworkRef,
  languages as allLanguages,
  type Language,
} from '../../shared/framework/schema';
import type { FrameworkListItem } from '../../shared/framework/catalog';
import { fieldIssues } from '../../shared/ipc/zod-issues';
import { parseUntrustedJson } from '../platform/json';
import { writeFileDurably } from '../store/durable-write';
import { deepFreeze } from '../store/frozen';
import type { DocumentKind, Store } from '../store/store';
import type { ItemImporter } from './importer';
import { statIfExists } from '../platform/files';
import { unlessGone } from '../store/unless-gone';

/** A framework file larger than this is not a framework. */
export const maxFrameworkFileBytes = 5 * 1024 * 1024;

const frameworkDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string(),
  origin: z.enum(['custom', 'imported']),
  status: z.enum(['draft', 'published']),
  framework: frameworkSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().optional(),
});
type FrameworkDocument = z.infer<typeof frameworkDocumentSchema>;

function listItem(
  key: string,
  framework: Framework,
  extra: Pick<FrameworkListItem, 'origin' | 'status' | 'languages' | 'updatedAt'>,
  known?: Pick<BuiltInFile, 'fingerprint' | 'structureFingerprint'>,
): FrameworkListItem {
  const criteria = criteriaOf(framework);
  return {
    key,
    id: framework.id,
    version: framework.version,
    title: framework.title,
    language: framework.language,
    fingerprint: known?.fingerprint ?? frameworkFingerprint(framework),
    structureFingerprint: known?.structureFingerprint ?? frameworkStructureFingerprint(framework),
    dimensions: framework.dimensions.length,
    criteria: criteria.length,
    critical: criteria.filter((criterion) => criterion.critical).length,
    validityMonths: framework.validityMonths,
    ...(framework.basedOn ? { basedOn: framework.basedOn } : {}),
    ...extra,
  };
}

export const frameworkKind: DocumentKind<FrameworkDocument, FrameworkListItem> = {
  collection: 'frameworks',
  schemaVersion: 1,
  schema: frameworkDocumentSchema,
  migrations: {},
  summarySchema: frameworkListItemSchema,
  summarise: (document) =>
    listItem(document.id, document.framework, {
      origin: document.origin,
      status: document.status,
      languages: [document.framework.language],
      updatedAt: document.updatedAt,
    }),
};

const builtInKey = (id: string, version: string) => `builtin-${id}-${version.replace(/\./g, '_')}`;

/** Reads and validates a framework file: every problem is named by its field path. */
export function parseFrameworkText(text: string): { ok: true; framework: Framework } | { ok: false; error: AppError } {
  const json = parseUntrustedJson(text);
  if (!json.ok) return { ok: false, error: json.error };
  const parsed = frameworkSchema.safeParse(json.value);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    return {
      ok: false,
      error: new AppError({
        code: 'VALIDATION',
        message: `This is not a valid framework file (${issues.length} problem${issues.length === 1 ? '' : 's'}). Correct the fields listed and try again.`,
        issues,
      }),
    };
  }
  return { ok: true, framework: parsed.data };
}

/** A built-in framework file as checked and frozen, with its two fingerprints. */
interface BuiltInFile {
  framework: Framework;
  fingerprint: string;
  structureFingerprint: string;
}

/**
 * Built-in framework files already read in this process, by the SHA-256 of the file's bytes
 * (node:crypto's, native): the framework as checked, frozen, and its fingerprints. Checking a
 * built-in guide against the schema and hashing its canonical form in pure JavaScript
 * (shared/crypto/sha256.ts) costs far more than reading the file; a process that opens the store
 * again (the command line's commands, the tests) reads the same files and gets the same result.
 * Frozen, because every catalogue of the process shares it: nothing may change a framework in place.
 *
 * The file is read and compared as bytes, and decoded only when it is new: decoding the six
 * guides' 1.1 MB of UTF-8 and encoding it again for the hash took about 17 ms of every opening,
 * against 2 ms for the bytes' hash (measured on this 2-core machine). A file whose bytes are those
 * read last time from the same path is not even hashed again (the last few dozen paths are kept).
 */
const builtInFiles = new Map<string, BuiltInFile>();
const lastReadAt = new Map<string, { bytes: Buffer; file: BuiltInFile }>();

function builtInFile(bytes: Buffer, path: string, where: string): BuiltInFile {
  const last = lastReadAt.get(path);
  if (last?.bytes.equals(bytes)) return last.file;
  const bytesHash = createHash('sha256').update(bytes).digest('hex');
  let known = builtInFiles.get(bytesHash);
  if (known === undefined) {
    const parsed = parseFrameworkText(bytes.toString('utf8'));
    // The built-in guide is tested; a broken one is a broken installation, not user input.
    // A fault of the installation, not of anything the user did: logged, shown as INTERNAL.
    if (!parsed.ok) throw new AppError({ code: 'INTERNAL', message: `Built-in framework ${where} is invalid: ${JSON.stringify(parsed.error.issues?.slice(0, 3))}` });
    const { $schema: _editorHint, ...framework } = parsed.framework;
    known = { framework: deepFreeze(framework), fingerprint: frameworkFingerprint(framework), structureFingerprint: frameworkStructureFingerprint(framework) };
    builtInFiles.set(bytesHash, known);
  }
  lastReadAt.delete(path);
  lastReadAt.set(path, { bytes, file: known });
  if (lastReadAt.size > 36) lastReadAt.delete(lastReadAt.keys().next().value!);
  return known;
}

export class FrameworkCatalog {
  private readonly builtIns = new Map<string, Map<Language, Framework>>();
  private builtInItems: FrameworkListItem[] = [];
  /** Every framework an assessment can pin, by content fingerprint: built-ins and published ones. */
  private readonly byFingerprint = new Map<string, Framework>();
  /**
   * Of those, the ones kept in the store, with their document's key. The store is the truth: a
   * framework whose document a store transaction took back (an import that failed after storing
   * it) is no longer listed there as published, and is then forgotten here too (`pinnable`), so
   * nothing is pinned to a framework a restart would not find.
   */
  private readonly storedKeys = new Map<string, string>();
  private store: Store | undefined;

  private constructor(private readonly now: () => Date) {}

  /**
   * Loads the built-in frameworks from `<templatesDir>/frameworks/<id>/<language>.json`. The
   * catalogue exists before the store opens, because summarising an assessment needs its
   * framework; `attach` then adds the frameworks kept in the store.
   */
  static async load(templatesDir: string, now: () => Date): Promise<FrameworkCatalog> {
    const catalog = new FrameworkCatalog(now);
    const root = join(templatesDir, 'frameworks');
    const files = new Map<Framework, BuiltInFile>();
    for (const folder of await readdir(root)) {
      for (const file of (await readdir(join(root, folder))).filter((name) => name.endsWith('.json'))) {
        const path = join(root, folder, file);
        const known = builtInFile(await readFile(path), path, `${folder}/${file}`);
        const { framework, fingerprint } = known;
        const key = builtInKey(framework.id, framework.version);
        const languages = catalog.builtIns.get(key) ?? new Map<Language, Framework>();
        languages.set(framework.language, framework);
        catalog.builtIns.set(key, languages);
        files.set(framework, known);
        catalog.byFingerprint.set(fingerprint, framework);
      }
    }
    catalog.builtInItems = [...catalog.builtIns.entries()].map(([key, languages]) => {
      const main = languages.get('en') ?? [...languages.values()][0]!;
      const titles = Object.fromEntries([...languages.entries()].map(([language, framework]) => [language, framework.title]));
      return { ...listItem(key, main, { origin: 'built-in', status: 'published', languages: allLanguages.filter((l) => languages.has(l)), updatedAt: '' }, files.get(main)), titles };
    });
    return catalog;
  }

  /** Adds the frameworks kept in the store (a consortium's versions, imported files). */
  async attach(store: Store): Promise<void> {
    this.store = store;
    for (const entry of store.entries(frameworkKind)) {
      if (entry.summary.status !== 'published') continue;
      // A damaged document was set aside by the store, which told the user; the rest load.
      const document = await unlessGone(store.read(frameworkKind, entry.id), store.logger, `the framework ${entry.id}`);
      if (document) this.rememberStored(entry.id, document.framework);
    }
  }

  private get attachedStore(): Store {
    if (!this.store) throw new AppError({ code: 'INTERNAL', message: 'The framework catalogue is not attached to a store yet' });
    return this.store;
  }

  /** What scoring needs of a pinned framework, without reading anything: for catalogue summaries. */
  structureOf = (fingerprint: string): Framework | undefined => this.pinnable(fingerprint);

  /** A published framework kept in the store, to be found by its fingerprint. */
  private rememberStored(key: string, framework: Framework): void {
    const fingerprint = frameworkFingerprint(framework);
    // A built-in with the same content stays the built-in.
    if (this.byFingerprint.has(fingerprint) && !this.storedKeys.has(fingerprint)) return;
    this.byFingerprint.set(fingerprint, framework);
    this.storedKeys.set(fingerprint, key);
  }

  /**
   * The framework with this fingerprint, if an assessment can pin it: a built-in, or a framework
   * the store still lists as published under the key it was stored with (a cheap look-up in the
   * store's catalogue, no read).
   */
  private pinnable(fingerprint: string): Framework | undefined {
    const framework = this.byFingerprint.get(fingerprint);
    const key = this.storedKeys.get(fingerprint);
    if (framework === undefined || key === undefined) return framework;
    const summary = this.store?.summary(frameworkKind, key);
    if (summary?.status === 'published' && summary.fingerprint === fingerprint) return framework;
    this.byFingerprint.delete(fingerprint);
    this.storedKeys.delete(fingerprint);
    return undefined;
  }

  list(): FrameworkListItem[] {
    const stored = this.store ? this.store.entries(frameworkKind).map((entry) => entry.summary) : [];
    return [...this.builtInItems, ...stored.sort((a, b) => a.title.localeCompare(b.title) || a.version.localeCompare(b.version))];
  }

  /** One framework by its catalogue key, in the wanted language where a translation exists. */
  async get(key: string, language?: Language): Promise<Framework> {
    const builtIn = this.builtIns.get(key);
    if (builtIn) return structuredClone(builtIn.get(language ?? 'en') ?? builtIn.get('en') ?? [...builtIn.values()][0]!);
    return (await this.attachedStore.read(frameworkKind, key)).framework;
  }

  item(key: string): FrameworkListItem {
    const item = this.list().find((candidate) => candidate.key === key);
    if (!item) throw new AppError({ code: 'NOT_FOUND', message: 'This framework no longer exists.' });
    return item;
  }

  /**
   * The framework an assessment pinned, found by its exact content fingerprint. With a language,
   * a translation with the same structure is returned instead when there is one (the built-in
   * guide in Spanish for an assessment made with the English guide): scores are the same.
   */
  byRef(ref: Pick<FrameworkRef, 'fingerprint'>, language?: Language): Framework | undefined {
    const exact = this.pinnable(ref.fingerprint);
    if (!exact || !language || exact.language === language) return exact;
    const structure = frameworkStructureFingerprint(exact);
    for (const languages of this.builtIns.values()) {
      const translation = languages.get(language);
      if (translation && translation.id === exact.id && frameworkStructureFingerprint(translation) === structure) return translation;
    }
    return exact;
  }

  /** The catalogue key of a pinned framework, to clone it or start a new cycle with it. */
  keyOf(ref: Pick<FrameworkRef, 'fingerprint'>): string | undefined {
    const framework = this.pinnable(ref.fingerprint);
    if (!framework) return undefined;
    return this.list().find((item) => item.id === framework.id && item.version === framework.version)?.key;
  }

  /** Starts a consortium's own version: a draft copy of a framework, with a new id or version. */
  async clone(input: { key: string; language: Language; id: string; title: string; version: string }): Promise<FrameworkListItem> {
    const source = await this.get(input.key, input.language);
    this.assertFreeIdentity(input.id, input.version);
    const at = this.now().toISOString();
    const framework: Framework = {
      ...source,
      id: input.id,
      title: input.title,
      version: input.version,
      publisher: source.publisher,
      basedOn: { id: source.id, version: source.version, fingerprint: frameworkFingerprint(source) },
    };
    const checked = frameworkSchema.safeParse(framework);
    if (!checked.success) throw validationError(checked.error);
    const document: FrameworkDocument = {
      schemaVersion: 1,
      id: randomUUID(),
      origin: 'custom',
      status: 'draft',
      framework: checked.data,
      createdAt: at,
      updatedAt: at,
    };
    return frameworkKind.summarise(await this.attachedStore.create(frameworkKind, document));
  }

  /** Saves an edited draft. The whole framework is checked; nothing is saved when a field is invalid. */
  async updateDraft(key: string, framework: unknown): Promise<FrameworkListItem> {
    const current = await this.attachedStore.read(frameworkKind, key);
    if (current.status !== 'draft') {
      throw new AppError({
        code: 'LOCKED',
        message: 'A published framework cannot be changed. Clone it to make a new version.',
      });
    }
    const checked = frameworkSchema.safeParse(framework);
    if (!checked.success) throw validationError(checked.error);
    const next = checked.data;
    if (next.id !== current.framework.id || next.version !== current.framework.version) {
      this.assertFreeIdentity(next.id, next.version, key);
    }
    this.assertRetiredKept(current.framework, next);
    const updated = await this.attachedStore.update(frameworkKind, key, (draft) => ({ ...draft, framework: next, updatedAt: this.now().toISOString() }), {
      catalogueNow: true,
    });
    return frameworkKind.summarise(updated);
  }

  /** Freezes a draft: from now on assessments can pin it and it can be exported. */
  async publish(key: string): Promise<FrameworkListItem> {
    const updated = await this.attachedStore.update(
      frameworkKind,
      key,
      (draft) => {
        if (draft.status !== 'draft') throw new AppError({ code: 'LOCKED', message: 'This framework is already published.' });
        const at = this.now().toISOString();
        return { ...draft, status: 'published' as const, publishedAt: at, updatedAt: at };
      },
      { catalogueNow: true },
    );
    this.rememberStored(key, updated.framework);
    return frameworkKind.summarise(updated);
  }

  /** Removes a draft. Published frameworks stay: assessments and exchange files rely on them. */
  async removeDraft(key: string): Promise<void> {
    const current = await this.attachedStore.read(frameworkKind, key);
    if (current.status !== 'draft') {
      throw new AppError({ code: 'LOCKED', message: 'A published framework is kept, because assessments may rely on it.' });
    }
    await this.attachedStore.remove(frameworkKind, key);
  }

  /** Writes a published framework as a file the whole consortium can import. */
  async exportTo(key: string, path: string, language?: Language): Promise<void> {
    const item = this.item(key);
    if (item.status !== 'published') {
      throw new AppError({ code: 'LOCKED', message: 'Publish this framework version before you export it, so that it cannot change after others have it.' });
    }
    const framework = await this.get(key, language);
    await writeFileDurably(path, `${JSON.stringify(framework, null, 2)}\n`);
  }

  /** Imports a framework file: validated, stored as published; the same content twice is stored once. */
  async importFrom(path: string): Promise<FrameworkListItem> {
    // Answered below as "no such file".
    const info = await statIfExists(path);
    if (!info?.isFile()) throw new AppError({ code: 'NOT_FOUND', message: `${path} is not a readable file.`, params: { path } });
    if (info.size > maxFrameworkFileBytes) {
      throw new AppError({
        code: 'FILE_TOO_LARGE',
        message: `This file is too large to be a framework (more than ${maxFrameworkFileBytes / 1024 / 1024} MB).`,
        params: { maxMb: maxFrameworkFileBytes / 1024 / 1024 },
      });
    }
    const parsed = parseFrameworkText(await readFile(path, 'utf8'));
    if (!parsed.ok) throw parsed.error;
    return this.storeImported(parsed.framework);
  }

  /** The importer of the framework snapshots an exchange file carries: each one not held yet is stored. */
  readonly importer: ItemImporter<'framework'> = {
    type: 'framework',
    plan: async (item) => {
      const known = this.list().some((held) => held.fingerprint === frameworkFingerprint(item.framework));
      return { preview: { type: 'framework', title: `${item.framework.title} ${item.framework.version}`, action: known ? 'skip' : 'add', reason: known ? 'known' : 'new-framework' } };
    },
    apply: async (item, plan) => {
      if (plan.preview.action !== 'add') return 0;
      await this.storeImported(item.framework);
      return 1;
    },
  };

  /**
   * Stores a published framework that came from outside (a file, or the snapshot in an exchange
   * file); the same content twice is stored once.
   */
  async storeImported(framework: Framework): Promise<FrameworkListItem> {
    const fingerprint = frameworkFingerprint(framework);
    const same = this.list().find((item) => item.fingerprint === fingerprint);
    if (same) return same;
    const clash = this.list().find((item) => item.id === framework.id && item.version === framework.version && item.language === framework.language);
    if (clash) {
      throw new AppError({
        code: 'CONFLICT',
        message: `A different framework "${framework.id}" version ${framework.version} is already stored. A framework version must not change once published: ask its publisher for a new version number.`,
        params: { id: framework.id, version: framework.version },
      });
    }
    const at = this.now().toISOString();
    const { $schema: _editorHint, ...content } = framework;
    const document: FrameworkDocument = {
      schemaVersion: 1,
      id: randomUUID(),
      origin: 'imported',
      status: 'published',
      framework: content,
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
    };
    const created = await this.attachedStore.create(frameworkKind, document);
    this.rememberStored(created.id, created.framework);
    return frameworkKind.summarise(created);
  }

  async diff(olderKey: string, newerKey: string, language?: Language): Promise<FrameworkDiff> {
    return diffFrameworks(await this.get(olderKey, language), await this.get(newerKey, language));
  }

  private assertFreeIdentity(id: string, version: string, exceptKey?: string): void {
    const taken = this.list().find((item) => item.key !== exceptKey && item.id === id && item.version === version);
    if (taken) {
      throw new AppError({
        code: 'VALIDATION',
        message: `"${id}" version ${version} exists already. Choose another identifier or version.`,
        issues: [{ path: 'version', message: 'validation.frameworkVersionTaken' }],
      });
    }
  }

  /** Retired identifiers are never reused and never un-retired: a draft may only add to the list. */
  private assertRetiredKept(before: Framework, after: Framework): void {
    const kept = new Set(after.retired.map((retired) => retired.id));
    const dropped = before.retired.filter((retired) => !kept.has(retired.id));
    if (dropped.length) {
      throw new AppError({
        code: 'VALIDATION',
        message: `Retired criteria stay retired: ${dropped.map((r) => r.id).join(', ')}.`,
        issues: [{ path: 'retired', message: 'validation.retiredKept' }],
      });
    }
  }
}

function validationError(error: z.ZodError): AppError {
  return new AppError({ code: 'VALIDATION', message: 'Some fields of the framework are not valid.', issues: fieldIssues(error) });
}
