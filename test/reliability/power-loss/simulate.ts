/**
 * Power loss, simulated in the manner of ALICE (OSDI 2014) and SQLite's crash tests. SIGKILL never
 * tests fsync: the kernel still writes what a killed process wrote. Here the store's file
 * operations (electron/store/durable-write.ts, FileOps) are recorded while one operation runs
 * (saving an answer, completing an assessment, writing keys, importing a file, accepting an inbox
 * file, taking a snapshot: folders made, linked, renamed and removed too), and from the
 * folder as it was before, the states a power cut could leave are built:
 *   - after every prefix of the recorded operations;
 *   - with every legal outcome of the operations not yet made durable: a file's content is durable
 *     only after its fsync, and content not synced may be lost (the file is then empty), in any
 *     combination; a creation, rename or removal is durable only after its folder's fsync, and
 *     those not yet durable reach the disk in the order they were made (as the journal of ext4,
 *     XFS, APFS and NTFS commits them), so any first few of them may be there, never a later one
 *     without an earlier one.
 * Each state is written to a folder of its own and opened as the app would after the cut.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { diskFileOps, useFileOps, type FileOps } from '../../../electron/store/durable-write';
import { seededRandom } from '../../../shared/seeded-random';

export type RecordedOp =
  | { op: 'create'; path: string }
  | { op: 'write'; path: string; data: Buffer }
  | { op: 'fsync'; path: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'remove'; path: string }
  | { op: 'dirsync'; folder: string }
  | { op: 'mkdir'; path: string }
  | { op: 'link'; from: string; to: string }
  | { op: 'rmtree'; path: string };

/**
 * Runs `work` with every file operation of the store recorded (and performed), paths relative to
 * `root`. `work` gets a function that says how many operations were recorded so far (to mark the
 * moment an operation was acknowledged).
 */
export async function recordOperations<T>(root: string, work: (recorded: () => number) => Promise<T>): Promise<{ result: T; ops: RecordedOp[] }> {
  const ops: RecordedOp[] = [];
  const rel = (path: string) => relative(root, path).split(sep).join('/');
  const recording: FileOps = {
    async openNew(path) {
      const file = await diskFileOps.openNew(path);
      ops.push({ op: 'create', path: rel(path) });
      return {
        write: async (data) => {
          await file.write(data);
          ops.push({ op: 'write', path: rel(path), data: Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data) });
        },
        sync: async () => {
          await file.sync();
          ops.push({ op: 'fsync', path: rel(path) });
        },
        close: () => file.close(),
      };
    },
    async rename(from, to) {
      await diskFileOps.rename(from, to);
      ops.push({ op: 'rename', from: rel(from), to: rel(to) });
    },
    async remove(path) {
      await diskFileOps.remove(path);
      ops.push({ op: 'remove', path: rel(path) });
    },
    async syncFolder(folder) {
      await diskFileOps.syncFolder(folder);
      ops.push({ op: 'dirsync', folder: rel(folder) });
    },
    async makeFolder(path) {
      await diskFileOps.makeFolder(path);
      ops.push({ op: 'mkdir', path: rel(path) });
    },
    async link(from, to) {
      await diskFileOps.link(from, to);
      ops.push({ op: 'link', from: rel(from), to: rel(to) });
    },
    async removeFolder(path) {
      await diskFileOps.removeFolder(path);
      ops.push({ op: 'rmtree', path: rel(path) });
    },
  };
  const restore = useFileOps(recording);
  try {
    const result = await work(() => ops.length);
    return { result, ops };
  } finally {
    restore();
  }
}

export type FolderState = Map<string, Buffer>;

/**
 * A state a power cut leaves; `acknowledged` when it came after the operation resolved (its result
 * must be there), even if work it left behind (a catalogue line, a folder's fsync) was still under way.
 */
export interface CrashState {
  state: FolderState;
  acknowledged: boolean;
}

/** Every file under `root` (relative path → bytes), leaving out the snapshots unless asked for them. */
export async function readState(root: string, options: { withBackups?: boolean } = {}): Promise<FolderState> {
  const state: FolderState = new Map();
  for (const name of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const path = relative(root, join(name.parentPath, name.name)).split(sep).join('/');
    if (path.startsWith('backups/') && !options.withBackups) continue;
    state.set(path, await readFile(join(name.parentPath, name.name)));
  }
  return state;
}

const folderOf = (path: string) => {
  const folder = dirname(path);
  return folder === '.' ? '' : folder;
};

/**
 * The states a power cut could leave after each prefix of `ops`, from `before`, without
 * duplicates. Up to `maxSubsets` subsets of the operations not yet durable per prefix (all of them
 * when there are few; a seeded sample otherwise).
 */
export function crashStates(before: FolderState, ops: readonly RecordedOp[], options: { maxSubsets?: number; seed?: number; acknowledgedAfter?: number } = {}): CrashState[] {
  const acknowledgedAfter = options.acknowledgedAfter ?? ops.length;
  const maxSubsets = options.maxSubsets ?? 64;
  const random = seededRandom(options.seed ?? 1);
  const seen = new Set<string>();
  const states: CrashState[] = [];
  for (let prefix = 0; prefix <= ops.length; prefix += 1) {
    const done = ops.slice(0, prefix);
    // Which operations of the prefix are durable: content once its file was fsynced after it,
    // entries once their folder was fsynced after them.
    const durable = done.map((op, index) => {
      const later = done.slice(index + 1);
      if (op.op === 'write') return later.some((next) => next.op === 'fsync' && next.path === op.path);
      if (op.op === 'create' || op.op === 'remove' || op.op === 'mkdir' || op.op === 'rmtree') return later.some((next) => next.op === 'dirsync' && next.folder === folderOf(op.path));
      // A rename between two folders is durable once both folders were fsynced after it.
      // A link adds an entry to its new name's folder only.
      if (op.op === 'link') return later.some((next) => next.op === 'dirsync' && next.folder === folderOf(op.to));
      if (op.op === 'rename') return [folderOf(op.to), folderOf(op.from)].every((folder) => later.some((next) => next.op === 'dirsync' && next.folder === folder));
      return true;
    });
    const pendingData = done.map((op, index) => ({ op, index })).filter(({ op, index }) => !durable[index] && op.op === 'write');
    const pendingEntries = done.map((op, index) => ({ op, index })).filter(({ op, index }) => !durable[index] && ['create', 'rename', 'remove', 'mkdir', 'link', 'rmtree'].includes(op.op));
    // Outcomes: how many of the pending entries reached the disk (in order), and which pending contents.
    const outcomes: Array<{ entries: number; data: boolean[] }> = [];
    for (let entries = 0; entries <= pendingEntries.length; entries += 1) {
      for (let mask = 0; mask < 2 ** pendingData.length; mask += 1) outcomes.push({ entries, data: pendingData.map((_, bit) => (mask & (1 << bit)) !== 0) });
    }
    while (outcomes.length > maxSubsets) outcomes.splice(Math.floor(random() * outcomes.length), 1);
    for (const outcome of outcomes) {
      const skipped = new Set([
        ...pendingEntries.slice(outcome.entries).map(({ index }) => index),
        ...pendingData.filter((_, bit) => !outcome.data[bit]).map(({ index }) => index),
      ]);
      const state = new Map(before);
      done.forEach((op, index) => {
        if (skipped.has(index)) return;
        if (op.op === 'create') state.set(op.path, Buffer.alloc(0));
        else if (op.op === 'write') {
          // Writes append (a file is written once, or in chunks one after the other).
          const content = state.get(op.path);
          if (content !== undefined) state.set(op.path, Buffer.concat([content, op.data]));
        } else if (op.op === 'rename') {
          const content = state.get(op.from);
          if (content !== undefined) {
            state.delete(op.from);
            state.set(op.to, content);
            return;
          }
          // A folder renamed: everything in it moves with it.
          for (const [path, inFolder] of [...state]) {
            if (!path.startsWith(`${op.from}/`)) continue;
            state.delete(path);
            state.set(`${op.to}${path.slice(op.from.length)}`, inFolder);
          }
        } else if (op.op === 'link') {
          // Links are made to files never rewritten in place: a second name for the same bytes.
          const content = state.get(op.from);
          if (content !== undefined) state.set(op.to, content);
        } else if (op.op === 'remove') state.delete(op.path);
        else if (op.op === 'rmtree') for (const path of [...state.keys()]) if (path.startsWith(`${op.path}/`)) state.delete(path);
      });
      // A folder whose creation did not reach the disk takes what was put in it along.
      done.forEach((op, index) => {
        if (op.op !== 'mkdir' || !skipped.has(index)) return;
        for (const path of [...state.keys()]) if (path.startsWith(`${op.path}/`)) state.delete(path);
      });
      const key = createHash('sha256')
        .update([...state.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, content]) => `${path}:${createHash('sha256').update(content).digest('hex')}`).join('\n'))
        .digest('hex');
      const acknowledged = prefix >= acknowledgedAfter;
      if (seen.has(`${key}${acknowledged}`)) continue;
      seen.add(`${key}${acknowledged}`);
      states.push({ state, acknowledged });
    }
  }
  return states;
}

/** Writes a state to an empty folder. */
export async function writeState(root: string, state: FolderState): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  for (const [path, content] of state) {
    await mkdir(join(root, dirname(path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}
