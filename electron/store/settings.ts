/**
 * The app's settings (`settings.json`): one small file beside the documents, written with its
 * copy (checked-copy.ts) and checked against `settingsSchema` whenever it is read. A setting the
 * file lacks takes its default, so a file written by an older version still reads.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/settings';
import { copyPathOf, readChecked } from './checked-copy';
import { backupSuffix } from './durable-write';
import { DamagedFileError, DurableJsonFile, parseJsonText, readJsonFile } from './json-file';
import type { StoreNotices } from './notices';

export class StoreSettings {
  private readonly path: string;
  private readonly db: Low<Settings>;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, 'settings.json');
    this.db = new Low(new DurableJsonFile<Settings>(this.path, settingsSchema, { indent: 2, copyPath: copyPathOf(dataDir, this.path) }), { ...defaultSettings });
  }

  /** A copy of the settings: changing it changes nothing. */
  get value(): Settings {
    return structuredClone(this.db.data);
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = settingsSchema.parse({ ...this.db.data, ...patch });
    await this.db.adapter.write(next);
    this.db.data = next;
    return structuredClone(next);
  }

  /**
   * Reads the settings at open, through their copy; when both are damaged, the previous save
   * (`.bak`), else the defaults, with a notice either way.
   */
  async open(notices: StoreNotices, setAside: (collection: string, path: string) => Promise<string>): Promise<void> {
    const path = this.path;
    const parse = (text: string, from: string): Settings => {
      const parsed = settingsSchema.safeParse({ ...defaultSettings, ...parseJsonText(from, text) });
      if (!parsed.success) throw new DamagedFileError(from, 'invalid');
      return parsed.data;
    };
    const read = await readChecked({
      path,
      copyPath: copyPathOf(this.dataDir, path),
      backupPath: path + backupSuffix,
      parse: (bytes, from) => parse(bytes.toString('utf8'), from),
      setAside: (file) => setAside('settings', file),
    });
    if (read.outcome === 'absent') return;
    if (read.outcome !== 'damaged') {
      this.db.data = read.value;
      await notices.ofCheckedRead(read, 'settings');
      return;
    }
    // Both the file and its copy are unusable: the previous save, else the defaults.
    let backup: Settings | undefined;
    try {
      const raw = await readJsonFile(path + backupSuffix);
      if (raw !== undefined) backup = parse(JSON.stringify(raw), path + backupSuffix);
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
    }
    this.db.data = backup ?? { ...defaultSettings };
    await this.db.adapter.write(this.db.data);
    await notices.add({
      kind: backup ? 'restored-from-backup' : 'set-aside',
      collection: 'settings',
      reason: read.error.reason,
      ...(read.setAsidePath ? { setAsidePath: read.setAsidePath } : {}),
      ...(read.copySetAsidePath ? { copySetAsidePath: read.copySetAsidePath } : {}),
    });
  }
}
