/**
 * Personal data in the store, for the institution's duties under the GDPR: which named persons
 * appear where (Art. 15 and 30), an export of that list (Art. 15 and 20), and erasure by
 * anonymisation everywhere (Art. 17) — recorded in a log that holds no erased data (Art. 5(2)).
 *
 * Where persons are named (the fields, by their names in the documents):
 *   legalRepresentative, qaContact     an institution's contacts: name and e-mail
 *   signatory, signer {name}           who signs an agreement for a party
 *   createdBy                          who started an assessment
 *   completed.by                       who completed (locked) it
 *   history[].by                       who changed what in it
 *   origin.signer                      who signed the exchange file an assessment came in (free text)
 *   decision.decidedBy                 who recorded a partnership's decision
 *   actions[].owner                    who owns an action of the plan (free text)
 *   settings.userName                  the person using this copy of TrustBridge
 * The rules are by field name, so a document kind added later is covered as soon as it is passed in
 * `kinds`. Partnership agreements are deliberately not: a signed agreement is a contract both
 * institutions must keep as signed (Art. 17(3)(b) and (e) GDPR), and anonymising a name in it would
 * break the signatures that prove it; an agreement still in draft holds no more than the
 * institutions' profiles, which are covered. Free text that people type (justifications, findings,
 * notes) is not searched: it is the officers' own writing and may mention anyone; the list says so.
 *
 * Erasure replaces the name with one marker, the same in every language (`erasedMarker` in
 * shared/personal-data/erased; screens and reports show it as the reader's word for "erased"), and
 * an e-mail with an address that cannot exist where the schema needs one, and keeps everything else: structure, levels, scores, dates. Each document
 * is written through the store, one at a time and durably, and written twice so that its `.bak`
 * (the previous save, kept for recovery) holds the anonymised version too. Copies outside the live
 * documents — rotating snapshots, copies taken before migrations, deleted items, the checked
 * `.copy` files under copies/ and quarantined files (checked copies among them) that can still be
 * read — are anonymised in place by the same rules; a copy that cannot be read (a damaged file in
 * quarantine) and still contains the name is reported, never silently kept.
 */
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ErasureView, PersonView } from '../../shared/ipc/contract';
import { erasureLogSchema, personalDataCategories, type ErasureRecord, type PersonalDataCategory } from '../../shared/store/files';
import { parseOwnJson } from '../platform/json';
import { copiesFolderName, copyBytes } from '../store/checked-copy';
import { writeFileDurably } from '../store/durable-write';
import { readJsonDocument } from '../store/json-file';
import type { DocumentKind, StoredDocument, Store } from '../store/store';
import { frameworkKind } from './frameworks';
import { institutionKind } from './institutions';
import { partnershipKind } from './partnerships';
import { erasedMarker } from '../../shared/personal-data/erased';
import { readTextIfExists, settled } from '../platform/files';
import { unlessGone } from '../store/unless-gone';

export const erasedName = erasedMarker;
/** For e-mail fields the schema requires: the reserved `.invalid` domain can never be delivered to. */
export const erasedEmail = 'erased@erased.invalid';


/** One place a person is named. */
interface PersonalDataPlace {
  category: PersonalDataCategory;
  /** `institutions`, `assessments`, `partnerships`, … or `settings`. */
  collection: string;
  documentId?: string;
  /** A readable name of the document: an institution's legal name, an assessment's title. */
  documentTitle: string;
  /** Where in the document: `profile.qaContact.name`, `history.12.by`. */
  field: string;
  /** The text as it stands there (the name, or the free text that contains it). */
  value: string;
  email?: string;
  role?: string;
}

interface NamedPerson {
  /** Stable for one name however it is spaced or capitalised: pass it to `erase`. */
  key: string;
  name: string;
  emails: string[];
  categories: PersonalDataCategory[];
  places: PersonalDataPlace[];
}

interface ErasureResult extends ErasureRecord {
  /** Files that still contain the name and could not be anonymised (damaged files in quarantine), relative to the data folder. */
  remainingCopies: string[];
}

interface PersonalDataExport {
  format: 'trustbridge-personal-data';
  formatVersion: 1;
  exportedAt: string;
  /** What the list covers, in words, so that a reader of the file knows its limits. */
  scope: string;
  persons: NamedPerson[];
}

const personalDataScope =
  'Every person named in a field that holds a name: institution contacts, signatories, assessment authors and completers, change history, exchange-file signers, decision makers, action owners and the app user. Free text written by the officers (justifications, findings, notes) is not searched.';

/** The same name however it is spaced, capitalised or composed. */
export function personKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('und');
}

// ------------------------------------------------------------------------------------------------
// the rules: which fields name a person

type Occurrence = Omit<PersonalDataPlace, 'collection' | 'documentId' | 'documentTitle'> & {
  /** Free text may contain a name among other words; a name field holds just the name. */
  freeText: boolean;
  /** Writes the anonymised value back. */
  set(next: { name: string; email?: string }): void;
};

const contactFields: Record<string, PersonalDataCategory> = {
  legalRepresentative: 'legal-representative',
  qaContact: 'qa-contact',
  signatory: 'signatory',
  signer: 'signatory',
  // Team assessment: the colleague a contribution request or contribution names.
  contributor: 'team-contributor',
};
const nameFields: Record<string, PersonalDataCategory> = {
  createdBy: 'assessment-author',
  decidedBy: 'decision-maker',
  userName: 'app-user',
};
const freeTextFields: Record<string, PersonalDataCategory> = {
  owner: 'action-owner',
  signer: 'exchange-signer',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record that holds a person's name (and perhaps role and e-mail). */
function contactOccurrence(category: PersonalDataCategory, field: string, holder: Record<string, unknown>): Occurrence {
  return {
    category,
    field,
    value: holder['name'] as string,
    ...(typeof holder['email'] === 'string' && holder['email'] ? { email: holder['email'] } : {}),
    ...(typeof holder['role'] === 'string' && holder['role'] ? { role: holder['role'] } : {}),
    freeText: false,
    set: (next) => {
      holder['name'] = next.name;
      if (typeof holder['email'] === 'string' && holder['email'] && next.email !== undefined) holder['email'] = next.email;
    },
  };
}

/** Every place in a JSON document that names a person, with a way to change it. */
function occurrences(document: unknown): Occurrence[] {
  const found: Occurrence[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, String(index)]));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = [...path, key];
      const field = here.join('.');
      // Team assessment: the colleagues of an assessment, each with name, role and e-mail.
      if (key === 'contributors' && Array.isArray(value)) {
        value.forEach((item, index) => {
          if (isRecord(item) && typeof item['name'] === 'string') found.push(contactOccurrence('team-contributor', `${field}.${index}.name`, item));
        });
        continue;
      }
      const contact = contactFields[key];
      if (contact && isRecord(value) && typeof value['name'] === 'string') {
        found.push(contactOccurrence(contact, `${field}.name`, value));
        continue;
      }
      if (typeof value === 'string' && value.trim() !== '') {
        const isCompleter = key === 'by' && path.at(-1) === 'completed';
        const isHistory = key === 'by' && path.at(-2) === 'history';
        const category: PersonalDataCategory | undefined = nameFields[key] ?? (isCompleter ? 'assessment-completer' : isHistory ? 'change-history' : undefined);
        const freeCategory = freeTextFields[key];
        if (category || freeCategory) {
          const role = isCompleter && typeof node['role'] === 'string' && node['role'] ? { role: node['role'] } : {};
          found.push({
            category: (category ?? freeCategory)!,
            field,
            value,
            ...role,
            freeText: !category,
            set: (next) => {
              node[key] = next.name;
            },
          });
        }
        continue;
      }
      walk(value, here);
    }
  };
  walk(document, []);
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name inside free text, as a whole word sequence, however spaced or capitalised. */
function namePattern(name: string): RegExp {
  const words = personKey(name).split(' ').map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Anonymises one person in a JSON document in place; returns the categories of the places changed.
 * `names` are the spellings of the person found in the store (all with the same key).
 */
function anonymise(document: unknown, key: string, names: readonly string[], options: { userNameEmpty?: boolean } = {}): PersonalDataCategory[] {
  const changed: PersonalDataCategory[] = [];
  const patterns = [...new Set([...names, key])].map(namePattern);
  for (const occurrence of occurrences(document)) {
    const placeholder = occurrence.category === 'app-user' && options.userNameEmpty ? '' : erasedName;
    const email = occurrence.category === 'qa-contact' || occurrence.category === 'team-contributor' ? erasedEmail : '';
    if (personKey(occurrence.value) === key) {
      occurrence.set({ name: placeholder, email });
      changed.push(occurrence.category);
    } else if (occurrence.freeText) {
      let text = occurrence.value;
      for (const pattern of patterns) text = text.replace(pattern, erasedName);
      if (text !== occurrence.value) {
        occurrence.set({ name: text });
        changed.push(occurrence.category);
      }
    }
  }
  return changed;
}

// ------------------------------------------------------------------------------------------------
// the service

interface PersonalDataOptions {
  store: Store;
  /** Every kind of document the store holds (institutions, frameworks, assessments, partnerships, …). */
  // Kinds differ in their document type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kinds: ReadonlyArray<DocumentKind<any, any>>;
  now?: () => Date;
}

export class PersonalDataService {
  private readonly store: Store;
  private readonly kinds: ReadonlyArray<DocumentKind<StoredDocument>>;
  private readonly now: () => Date;
  private erasing: Promise<unknown> = Promise.resolve();

  constructor(options: PersonalDataOptions) {
    this.store = options.store;
    this.kinds = options.kinds;
    this.now = options.now ?? (() => new Date());
  }

  get erasureLogPath(): string {
    return join(this.store.dataDir, 'erasures.json');
  }

  /** Every named person, with every place they are named, sorted by name. */
  async list(): Promise<NamedPerson[]> {
    const places: Array<PersonalDataPlace & { freeText: boolean }> = [];
    const settingsName = this.store.settings.userName;
    if (settingsName.trim()) {
      places.push({ category: 'app-user', collection: 'settings', documentTitle: 'Settings', field: 'userName', value: settingsName, freeText: false });
    }
    for (const kind of this.kinds) {
      for (const entry of this.store.entries(kind)) {
        // A damaged document was set aside by the store, which told the user; the rest are listed.
        const document = await unlessGone(this.store.read(kind, entry.id), this.store.logger, `${kind.collection}/${entry.id}`);
        if (!document) continue;
        const title = documentTitle(document);
        for (const occurrence of occurrences(document)) {
          const { set: _set, ...place } = occurrence;
          places.push({ ...place, collection: kind.collection, documentId: entry.id, documentTitle: title });
        }
      }
    }
    // Name fields first; then free text is given to every known name it contains, or stands as a
    // name of its own when it contains none.
    const persons = new Map<string, NamedPerson>();
    const add = (key: string, name: string, place: PersonalDataPlace) => {
      const person = persons.get(key) ?? { key, name, emails: [], categories: [], places: [] };
      person.places.push(place);
      if (place.email && !person.emails.includes(place.email)) person.emails.push(place.email);
      if (!person.categories.includes(place.category)) person.categories.push(place.category);
      persons.set(key, person);
    };
    const placeOf = ({ freeText: _freeText, ...place }: PersonalDataPlace & { freeText: boolean }): PersonalDataPlace => place;
    for (const place of places.filter((p) => !p.freeText)) {
      const key = personKey(place.value);
      if (key === personKey(erasedName)) continue;
      add(key, place.value.trim(), placeOf(place));
    }
    const known = [...persons.values()].map((person) => ({ key: person.key, pattern: namePattern(person.name) }));
    for (const place of places.filter((p) => p.freeText)) {
      const containing = known.filter(({ pattern }) => {
        pattern.lastIndex = 0;
        return pattern.test(place.value);
      });
      if (containing.length) for (const { key } of containing) add(key, persons.get(key)!.name, placeOf(place));
      else if (personKey(place.value) !== personKey(erasedName) && !place.value.includes(erasedName)) add(personKey(place.value), place.value.trim(), placeOf(place));
    }
    return [...persons.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The list as a JSON document; with `key`, only that person (an access request). */
  async export(options: { key?: string } = {}): Promise<PersonalDataExport> {
    const persons = await this.list();
    const selected = options.key === undefined ? persons : persons.filter((person) => person.key === options.key);
    if (options.key !== undefined && selected.length === 0) throw notListed();
    return { format: 'trustbridge-personal-data', formatVersion: 1, exportedAt: this.now().toISOString(), scope: personalDataScope, persons: selected };
  }

  /** Writes the export to a file (durably); returns the number of persons in it. */
  async exportTo(outPath: string, options: { key?: string } = {}): Promise<{ path: string; persons: number }> {
    const data = await this.export(options);
    await writeFileDurably(outPath, JSON.stringify(data, null, 2) + '\n');
    return { path: outPath, persons: data.persons.length };
  }

  /** The erasures made so far: when, which kinds of places, how many — never whose. */
  async erasures(): Promise<ErasureRecord[]> {
    // A damaged log throws (DamagedFileError) rather than read as empty: the next erasure would
    // otherwise write a log without the earlier records.
    const log = await readJsonDocument(this.erasureLogPath, erasureLogSchema);
    return log?.erasures ?? [];
  }

  /**
   * Anonymises the person with `key` everywhere, then records the erasure (without the erased
   * data). One erasure runs at a time.
   */
  erase(key: string): Promise<ErasureResult> {
    // The previous erasure's failure went to its own caller; this one runs regardless.
    const run = settled(this.erasing).then(() => this.eraseNow(key));
    this.erasing = run;
    return run;
  }

  private async eraseNow(key: string): Promise<ErasureResult> {
    const person = (await this.list()).find((candidate) => candidate.key === key);
    if (!person) throw notListed();
    const names = [...new Set([person.name, ...person.places.filter((place) => personKey(place.value) === key).map((place) => place.value)])];
    const categories = new Set<PersonalDataCategory>();
    let placesChanged = 0;
    let documentsChanged = 0;

    const byDocument = new Map<string, { kind: DocumentKind<StoredDocument>; id: string }>();
    for (const place of person.places) {
      const kind = this.kinds.find((candidate) => candidate.collection === place.collection);
      if (kind && place.documentId) byDocument.set(`${kind.collection}/${place.documentId}`, { kind, id: place.documentId });
    }
    for (const { kind, id } of byDocument.values()) {
      let changedHere: PersonalDataCategory[] = [];
      await this.store.update(
        kind,
        id,
        (stored) => {
          const draft = structuredClone(stored);
          changedHere = anonymise(draft, key, names);
          return draft;
        },
        { catalogueNow: true },
      );
      // Once more unchanged, so the previous save kept as `.bak` is the anonymised one too.
      await this.store.update(kind, id, (draft) => draft);
      if (changedHere.length) documentsChanged += 1;
      placesChanged += changedHere.length;
      changedHere.forEach((category) => categories.add(category));
    }
    if (personKey(this.store.settings.userName) === key) {
      await this.store.updateSettings({ userName: '' });
      await this.store.updateSettings({});
      categories.add('app-user');
      placesChanged += 1;
    }

    const { changed: copiesChanged, remaining } = await this.anonymiseCopies(key, names);
    const record: ErasureRecord = {
      id: randomUUID(),
      at: this.now().toISOString(),
      categories: personalDataCategories.filter((category) => categories.has(category)),
      placesChanged,
      documentsChanged,
      copiesChanged,
    };
    const log = [...(await this.erasures()), record];
    await writeFileDurably(this.erasureLogPath, JSON.stringify({ format: 'trustbridge-erasures', formatVersion: 1, erasures: log }, null, 2) + '\n', { keepBackup: true });
    return { ...record, remainingCopies: remaining };
  }

  /**
   * The same anonymisation in copies kept outside the live documents: snapshots and migration
   * copies under backups/, deleted items, quarantined files. Only files that contain the name are
   * touched; each is replaced durably.
   */
  private async anonymiseCopies(key: string, names: readonly string[]): Promise<{ changed: number; remaining: string[] }> {
    // A snapshot being taken is finished first: its copies are anonymised with the rest.
    await this.store.snapshotSettled();
    const root = this.store.dataDir;
    const needles = [...new Set([...names, key])].map(namePattern);
    let changed = 0;
    const remaining: string[] = [];
    // copies/: the second copy of every file (checked-copy.ts); those of live documents were
    // rewritten with them, any other one (of a file no longer listed) is anonymised here.
    for (const folder of ['backups', 'deleted', 'quarantine', copiesFolderName]) {
      for (const path of await filesUnder(join(root, folder))) {
        // A file removed since the listing (a snapshot pruned) holds no name any more.
        const text = await readTextIfExists(path);
        if (text === undefined || !needles.some((pattern) => matches(pattern, text))) continue;
        // A checked copy (also one set aside in quarantine) is its header line and the file's
        // bytes: the JSON after the header is anonymised, and the header made to fit it again.
        const copy = copyHeaderPattern.exec(text);
        const body = copy ? text.slice(copy[0].length) : text;
        const parsed = parseOwnJson(body);
        if (!parsed.ok) {
          remaining.push(relative(root, path).split(sep).join('/'));
          continue;
        }
        const document = parsed.value;
        const isSettings = /(^|[\\/])settings\.json(\.bak)?(\.copy)?([.][^\\/]*)?$/.test(path.slice(root.length));
        const categories = anonymise(document, key, names, { userNameEmpty: isSettings });
        if (categories.length === 0) {
          remaining.push(relative(root, path).split(sep).join('/'));
          continue;
        }
        const anonymised = JSON.stringify(document) + '\n';
        await writeFileDurably(path, copy ? copyBytes(Buffer.from(anonymised, 'utf8')) : anonymised);
        changed += 1;
      }
    }
    return { changed, remaining };
  }
}

/** The first line of a checked copy (checked-copy.ts), whatever its checksum says. */
const copyHeaderPattern = /^trustbridge-copy 1 sha256=[0-9a-f]{64} bytes=\d+\n/;

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  // JSON escapes nothing in ordinary names, but may in names with quotes or backslashes.
  return pattern.test(text);
}

async function filesUnder(folder: string): Promise<string[]> {
  // A folder not made yet holds no copies.
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) files.push(path);
  }
  return files;
}

function documentTitle(document: StoredDocument): string {
  const record = document as unknown as Record<string, unknown>;
  const profile = record['profile'];
  if (isRecord(profile) && typeof profile['legalName'] === 'string') return profile['legalName'];
  if (typeof record['title'] === 'string') return record['title'];
  const content = record['content'];
  if (isRecord(content) && typeof content['title'] === 'string') return content['title'];
  return document.id;
}

function notListed(): AppError {
  return new AppError({ code: 'NOT_FOUND', message: 'No person with this name is named in the store (any more).' });
}

/** The service over an open core's store and every kind of document it holds. */
export function personalDataOf(core: { store: Store; assessments: { kind: DocumentKind<StoredDocument> } }, now?: () => Date): PersonalDataService {
  return new PersonalDataService({ store: core.store, kinds: [institutionKind, frameworkKind, core.assessments.kind, partnershipKind], ...(now ? { now } : {}) });
}

/** A person as the settings page lists them: how many places name them and in which documents (at most 20). */
export function personView(person: NamedPerson): PersonView {
  return {
    key: person.key,
    name: person.name,
    emails: person.emails,
    categories: person.categories,
    places: person.places.length,
    documents: [...new Set(person.places.map((place) => place.documentTitle))].slice(0, 20),
  };
}

/** What an erasure changed, without the erased data. */
export function erasureView(result: ErasureResult): ErasureView {
  return { placesChanged: result.placesChanged, documentsChanged: result.documentsChanged, copiesChanged: result.copiesChanged, remainingCopies: result.remainingCopies };
}
