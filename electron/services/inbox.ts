/**
 * The shared-folder inbox: a consortium without a server of its own shares a folder through the
 * sync service it already has (Nextcloud, OneDrive, SharePoint, a network drive). TrustBridge
 * watches that folder; every new `.trustbridge` file is checked like any import (signatures, keys,
 * content) and listed for the user to accept or refuse. Nothing is stored until the user accepts.
 *
 * Each file is known by the SHA-256 of its bytes, so a file accepted or refused once does not come
 * back — not under another name, nor as the copy a sync service makes when two members save at
 * once (`report (conflicted copy …).trustbridge`), which is listed with the file it copies. A file
 * whose content changes is a new file. The decisions are kept in `inbox.json` in the data folder.
 *
 * The folder is watched with the operating system's notifications where they work and read again
 * every minute all the same (network drives and some sync clients send none).
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { InboxEntry, InboxView } from '../../shared/exchange/inbox';
import { scanExchangeFolder } from '../consortium/folder';
import { rosterRefusal } from '../consortium/roster';
import type { Roster } from '../../shared/consortium/roster';
import type { FilePreview } from '../../shared/exchange/app';
import { writeFileDurably } from '../store/durable-write';
import { readJsonFile } from '../store/json-file';
import type { Store } from '../store/store';
import type { ExchangeService } from './exchange';
import { readIfExists, settled, statIfExists } from '../platform/files';

const decisionSchema = z.strictObject({
  decision: z.enum(['accepted', 'refused', 'own', 'nothing-new']),
  at: z.string(),
  fileName: z.string().max(1000),
});
const registrySchema = z.strictObject({
  format: z.literal('trustbridge-inbox'),
  formatVersion: z.literal(1),
  handled: z.record(z.string().regex(/^[0-9a-f]{64}$/), decisionSchema),
});
type Registry = z.infer<typeof registrySchema>;
type InboxDecision = z.infer<typeof decisionSchema>['decision'];
export type { InboxEntry, InboxView };

interface InboxOptions {
  dataDir: string;
  store: Store;
  exchange: ExchangeService;
  now: () => Date;
  /** Told whenever the inbox's list changed (the app pushes it to the screen). */
  onChange?: (view: InboxView) => void;
  /** How often the folder is read again without a notification (default one minute). */
  pollMs?: number;
  /** The consortium key roster in force, if the officer confirmed a coordinator (electron/consortium/roster.ts). */
  roster?: () => Roster | undefined;
}

/** One collator for every sort: `localeCompare` looks one up on each call, slow over thousands of files. */
const byName = new Intl.Collator().compare;

/** Files larger than this are not even hashed: no exchange file comes near it. */
const maxHashBytes = 25 * 1024 * 1024;

export class InboxService {
  private registry: Registry;
  private entries = new Map<string, InboxEntry>();
  /** What each open preview touches (ExchangeService.relationKeys), by preview token, asked once. */
  private readonly relations = new Map<string, Set<string>>();
  private problem: string | null = null;
  private checkedAt: string | null = null;
  private handledInFolder = 0;
  private watcher: FSWatcher | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<InboxView> | undefined;
  private queued: Promise<InboxView> | undefined;
  private stopped = false;

  private constructor(
    private readonly options: InboxOptions,
    registry: Registry,
  ) {
    this.registry = registry;
  }

  static async open(options: InboxOptions): Promise<InboxService> {
    // A missing or damaged list of handled files only means they are offered again; nothing is applied without the user.
    const raw = await readJsonFile(registryPath(options.dataDir)).catch((error: unknown) => {
      options.store.logger.warn('The inbox list of handled files cannot be read; its files are offered again', error);
      return undefined;
    });
    const parsed = registrySchema.safeParse(raw);
    return new InboxService(options, parsed.success ? parsed.data : { format: 'trustbridge-inbox', formatVersion: 1, handled: {} });
  }

  get folder(): string | null {
    return this.options.store.settings.sharedFolder;
  }

  view(): InboxView {
    return {
      folder: this.folder,
      problem: this.problem,
      entries: [...this.entries.values()].sort((a, b) => byName(a.fileName, b.fileName)),
      handled: this.handledInFolder,
      checkedAt: this.checkedAt,
    };
  }

  /** Starts watching the folder chosen in Settings, if any, and reads it once. */
  async start(): Promise<InboxView> {
    this.stopped = false;
    this.watchFolder();
    return this.scan();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch();
    // A scan that failed has reported through the view; stopping only waits for it (a scan
    // queued behind it does not read the folder once stopped).
    await settled(this.scanning);
    await settled(this.queued);
  }

  /** Chooses the shared folder (or none), and reads it. */
  async setFolder(folder: string | null): Promise<InboxView> {
    if (folder !== null) {
      // A folder that is gone (a removed drive) is shown as unavailable below.
      const info = await statIfExists(folder);
      if (!info?.isDirectory()) throw new AppError({ code: 'NOT_FOUND', message: `${folder} is not a folder that can be read.`, params: { path: folder } });
    }
    await this.options.store.updateSettings({ sharedFolder: folder });
    this.entries.clear();
    this.relations.clear();
    this.unwatch();
    if (!this.stopped) this.watchFolder();
    return this.scan();
  }

  /**
   * Reads the folder: every exchange file not decided on yet is checked and listed. Scans never
   * overlap. A scan asked for while one runs is the next one, started when that one ends and
   * shared by all who ask meanwhile: the scan under way may have listed the folder before what the
   * caller is to see (a file that just arrived, a folder just chosen), so its view is not theirs.
   */
  scan(): Promise<InboxView> {
    if (this.scanning) {
      this.queued ??= settled(this.scanning).then(() => {
        this.queued = undefined;
        return this.stopped ? this.view() : this.scan();
      });
      return this.queued;
    }
    this.scanning = this.scanNow().finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  private async scanNow(): Promise<InboxView> {
    const folder = this.folder;
    const before = JSON.stringify(this.view().entries.map((entry) => [entry.sha256, entry.preview.ok, entry.preview.changes]));
    if (!folder) {
      this.entries.clear();
      this.problem = null;
      this.handledInFolder = 0;
    } else {
      try {
        const scan = await scanExchangeFolder(folder);
        const seen = new Set<string>();
        let handled = 0;
        for (const file of scan.files) {
          if (file.size > maxHashBytes || file.size === 0) continue;
          // A file removed since the listing is left out; one that cannot be read (yet) is read at
          // the next scan, and the log says why.
          const bytes = await readIfExists(file.path).catch((error: unknown) => {
            this.options.store.logger.warn(`Inbox: ${file.fileName} cannot be read; it is tried again at the next scan`, error);
            return undefined;
          });
          if (!bytes) continue;
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          if (seen.has(sha256)) continue;
          seen.add(sha256);
          if (this.registry.handled[sha256]) {
            handled += 1;
            continue;
          }
          const held = this.entries.get(sha256);
          if (held) {
            // The same bytes under another name or place: only the name shown follows the file.
            held.fileName = file.fileName;
            continue;
          }
          const preview = await this.underRoster(await this.options.exchange.previewOne(file.path), bytes);
          if (await this.leftOut(sha256, file.fileName, preview)) {
            handled += 1;
            continue;
          }
          this.entries.set(sha256, {
            sha256,
            fileName: file.fileName,
            size: file.size,
            modifiedAt: file.modifiedAt,
            ...(file.conflictOf ? { conflictOf: file.conflictOf } : {}),
            preview,
          });
          this.hold(preview);
        }
        // Files gone from the folder leave the list.
        for (const sha256 of [...this.entries.keys()]) if (!seen.has(sha256)) this.entries.delete(sha256);
        this.handledInFolder = handled;
        this.problem = null;
      } catch (error) {
        this.problem = error instanceof Error ? error.message : String(error);
      }
    }
    this.checkedAt = this.options.now().toISOString();
    const view = this.view();
    if (JSON.stringify(view.entries.map((entry) => [entry.sha256, entry.preview.ok, entry.preview.changes])) !== before) this.options.onChange?.(view);
    return view;
  }

  /**
   * With a roster in force, a file signed with a key the roster does not list is flagged: listed
   * as refused with the reason, never applied — whether or not its key was the first one seen.
   */
  private async underRoster(preview: FilePreview, bytes: Uint8Array | undefined): Promise<FilePreview> {
    const roster = this.options.roster?.();
    if (!roster || !preview.ok) return preview;
    const refusal = bytes ? await rosterRefusal(bytes, roster, this.options.now().toISOString().slice(0, 10)) : undefined;
    if (!refusal && bytes) return preview;
    this.options.exchange.forget(preview.token);
    const { items: _items, ...rest } = preview;
    return { ...rest, ok: false, changes: 0, error: refusal ?? { code: 'CONFLICT', message: `${preview.fileName} changed or left the shared folder while it was read. Check the folder again.` } };
  }

  /** Applies a listed file, all or nothing, as an import; then it leaves the list for good. */
  async accept(sha256: string): Promise<{ added: number; view: InboxView }> {
    const entry = this.entries.get(sha256);
    if (!entry?.preview.ok) throw new AppError({ code: 'NOT_FOUND', message: 'This file is no longer in the inbox. Check the folder again.' });
    const token = await this.readAgain(entry);
    // What accepting it changes here, asked before the apply closes its preview.
    const changes = this.options.exchange.relationKeys(token, { changedByAccept: true });
    const [result] = await this.options.exchange.apply([token]);
    await this.decide(sha256, 'accepted', entry.fileName);
    this.entries.delete(sha256);
    // Other files may read differently now (a newer revision of what was just added, a partner
    // now known): those that share something with what the accept changed are read again, and
    // only those, so one accept costs the same with ten files waiting or with thousands.
    const view = await this.rereadRelated(changes);
    return { added: result?.added ?? 0, view };
  }

  private async rereadRelated(changes: ReadonlySet<string>): Promise<InboxView> {
    const folder = this.folder;
    if (!folder || changes.size === 0) return this.view();
    const signature = () => JSON.stringify([...this.entries.values()].map((entry) => [entry.sha256, entry.preview.ok, entry.preview.changes]));
    const before = signature();
    for (const entry of [...this.entries.values()]) {
      // A preview no longer open (beyond the exchange service's bound) is read again too.
      const keys = this.relations.get(entry.preview.token) ?? new Set<string>();
      let related = keys.size === 0;
      for (const key of changes) related ||= keys.has(key);
      if (!related) continue;
      this.relations.delete(entry.preview.token);
      this.options.exchange.forget(entry.preview.token);
      const path = join(folder, entry.fileName);
      const preview = await this.underRoster(await this.options.exchange.previewOne(path), await readIfExists(path));
      if (await this.leftOut(entry.sha256, entry.fileName, preview)) {
        this.entries.delete(entry.sha256);
        this.handledInFolder += 1;
        continue;
      }
      entry.preview = preview;
      this.hold(preview);
    }
    const view = this.view();
    if (signature() !== before) this.options.onChange?.(view);
    return view;
  }

  /**
   * A listed file's preview is kept without its verified content (`hold`): to apply it, the file is
   * read and checked again — only when it still has the bytes that were listed and checked, so
   * what is applied is what the user saw.
   */
  private async readAgain(entry: InboxEntry): Promise<string> {
    const folder = this.folder;
    const path = folder ? join(folder, entry.fileName) : undefined;
    // A file gone since the listing is answered below as gone.
    const bytes = path ? await readIfExists(path) : undefined;
    if (!path || !bytes || createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
      throw new AppError({ code: 'CONFLICT', message: `${entry.fileName} changed or left the shared folder since it was listed. Check the folder again.` });
    }
    const preview = await this.options.exchange.previewOne(path);
    if (!preview.ok) {
      this.options.exchange.forget(preview.token);
      throw new AppError(preview.error ?? { code: 'CONFLICT', message: `${entry.fileName} can no longer be accepted. Check the folder again.` });
    }
    this.relations.delete(entry.preview.token);
    this.options.exchange.forget(entry.preview.token);
    entry.preview = preview;
    return preview.token;
  }

  /** Notes what a listed file's preview touches, then lets go of its verified content. */
  private hold(preview: InboxEntry['preview']): void {
    const keys = this.options.exchange.relationKeys(preview.token);
    if (keys.size) this.relations.set(preview.token, keys);
    this.options.exchange.release(preview.token);
  }

  /**
   * The own files (published to the folder from here) and files that bring nothing new are noted
   * and left out of the list.
   */
  private async leftOut(sha256: string, fileName: string, preview: InboxEntry['preview']): Promise<boolean> {
    const ownFile = !preview.ok && preview.error?.params?.['reason'] === 'own-file';
    // A file that changes nothing because part of it is refused (an agreement's copy from before
    // an amendment, an older text) stays listed: the officer reads why before dismissing it.
    const refusesSomething = preview.items?.some((item) => item.action === 'refuse') ?? false;
    if (!ownFile && !(preview.ok && preview.changes === 0 && !refusesSomething)) return false;
    this.options.exchange.forget(preview.token);
    await this.decide(sha256, ownFile ? 'own' : 'nothing-new', fileName);
    return true;
  }

  /** Accepts every listed file that can be accepted, one after the other, each all or nothing. */
  async acceptAll(onProgress?: (done: number, total: number) => void): Promise<{ added: number; files: number; view: InboxView }> {
    const acceptable = [...this.entries.values()]
      .filter((entry) => entry.preview.ok && entry.preview.changes > 0)
      .sort((a, b) => byName(a.fileName, b.fileName));
    let added = 0;
    let files = 0;
    for (const [index, entry] of acceptable.entries()) {
      // Each file is planned again as it is applied: one made older or the same by a file accepted
      // before it adds nothing. A file that fails stays listed, with the others applied.
      const result = await this.readAgain(entry)
        .then((token) => this.options.exchange.apply([token]))
        // A file that fails stays listed, as the comment above says; the log says why.
        .catch((error: unknown) => {
          this.options.store.logger.warn(`Inbox: ${entry.fileName} could not be accepted; it stays listed`, error);
          return undefined;
        });
      if (result) {
        added += result[0]?.added ?? 0;
        files += 1;
        await this.decide(entry.sha256, 'accepted', entry.fileName);
        this.entries.delete(entry.sha256);
      }
      onProgress?.(index + 1, acceptable.length);
    }
    const view = await this.rescanAll();
    return { added, files, view };
  }

  /** Leaves a file out for good (it stays in the shared folder; that is the consortium's). */
  async refuse(sha256: string): Promise<InboxView> {
    const entry = this.entries.get(sha256);
    if (!entry) throw new AppError({ code: 'NOT_FOUND', message: 'This file is no longer in the inbox. Check the folder again.' });
    this.options.exchange.forget(entry.preview.token);
    await this.decide(sha256, 'refused', entry.fileName);
    this.entries.delete(sha256);
    const view = this.view();
    this.options.onChange?.(view);
    return view;
  }

  /** After the user accepted a partner's changed key from the inbox: the file is read again. */
  async acceptChangedKey(sha256: string): Promise<InboxView> {
    const entry = this.entries.get(sha256);
    if (!entry) throw new AppError({ code: 'NOT_FOUND', message: 'This file is no longer in the inbox. Check the folder again.' });
    entry.preview = await this.options.exchange.acceptChangedKey(entry.preview.token);
    return this.rescanAll();
  }

  /** Writes a file into the shared folder under a name no other file has. */
  async publish(name: string, bytes: Uint8Array): Promise<string> {
    const folder = this.folder;
    if (!folder) throw new AppError({ code: 'CONFLICT', message: 'Choose the consortium’s shared folder in Settings first.' });
    // Control characters are exactly what must go, hence the range in the pattern.
    // eslint-disable-next-line no-control-regex
    const base = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/\.trustbridge$/i, '').slice(0, 150) || 'TrustBridge';
    let path = join(folder, `${base}.trustbridge`);
    for (let n = 2; await stat(path).then(() => true, () => false); n += 1) path = join(folder, `${base} (${n}).trustbridge`);
    await writeFileDurably(path, bytes);
    // Our own file: known, so the inbox does not list it.
    await this.decide(createHash('sha256').update(bytes).digest('hex'), 'own', path.split(/[\\/]/).pop()!);
    return path;
  }

  /** Reads every listed file again (the roster in force changed, so which keys count did too). */
  recheck(): Promise<InboxView> {
    return this.rescanAll();
  }

  private async rescanAll(): Promise<InboxView> {
    for (const entry of this.entries.values()) this.options.exchange.forget(entry.preview.token);
    this.relations.clear();
    this.entries.clear();
    return this.scan();
  }

  private async decide(sha256: string, decision: InboxDecision, fileName: string): Promise<void> {
    this.registry.handled[sha256] = { decision, at: this.options.now().toISOString(), fileName: fileName.slice(0, 1000) };
    await writeFileDurably(registryPath(this.options.dataDir), JSON.stringify(this.registry, null, 2) + '\n', { keepBackup: true });
  }

  private watchFolder(): void {
    const folder = this.folder;
    if (!folder || this.stopped) return;
    try {
      this.watcher = watch(folder, { persistent: false }, () => {
        clearTimeout(this.debounce);
        // Sync clients write in several steps: read once things settle.
        this.debounce = setTimeout(() => void this.scan(), 750);
      });
      this.watcher.on('error', () => this.unwatchNotifications());
    } catch {
      // No notifications for this folder (some network drives): the polling below still reads it.
    }
    this.timer = setInterval(() => void this.scan(), this.options.pollMs ?? 60_000);
    this.timer.unref?.();
  }

  private unwatchNotifications(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private unwatch(): void {
    this.unwatchNotifications();
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.timer = undefined;
  }
}

function registryPath(dataDir: string): string {
  return join(dataDir, 'inbox.json');
}
