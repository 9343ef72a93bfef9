/**
 * The catalogue's journal: `index.json` holds the catalogue as it was at its last compaction, and
 * `index.journal` the summaries changed since, one line each, appended and fsynced. Saving an
 * answer in a store of 10,000 assessments so appends a few hundred bytes instead of rewriting a
 * catalogue of several megabytes; the journal is folded into `index.json` (compacted) when it grows
 * as large as the catalogue itself, and at every clean close.
 *
 * A line is `<json>\t<first 16 hex digits of its SHA-256>\n`. Appends are sequential and each is
 * fsynced before anything counts on it, so only the last line can be incomplete (a crash or a power
 * cut during the append): reading stops at the first line that is incomplete or does not match its
 * checksum, and whatever follows it is ignored. Nothing ignored was acknowledged, and the documents
 * remain the truth: what the journal lacks is reconciled from the documents changed since.
 *
 * Every compaction gives the catalogue a new generation, written into `index.json` and into each
 * line. Compaction writes `index.json` (durably) first and empties the journal after, so a crash
 * between the two leaves lines of the old generation, which the new `index.json` already holds:
 * lines of another generation are skipped.
 */
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueFileSchema, journalLineSchema, type JournalLine } from '../../shared/store/files';
import { parseOwnJson } from '../platform/json';
import { fsyncFolder } from './durable-write';
import { parseJsonDocument } from './json-file';

export type { JournalLine };

export const journalFileName = 'index.journal';

export function journalPath(dataDir: string): string {
  return join(dataDir, journalFileName);
}

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function journalText(lines: readonly JournalLine[]): string {
  let text = '';
  for (const line of lines) {
    const json = JSON.stringify(line);
    text += `${json}\t${checksum(json)}\n`;
  }
  return text;
}

interface JournalRead {
  /** The good lines of `generation`, in order. */
  lines: JournalLine[];
  /** Bytes of the file (good, stale and torn lines alike): what the next compaction folds away. */
  bytes: number;
  /** Lines that were cut short or did not match their checksum (only the tail, after a crash). */
  ignored: number;
}

export async function readJournal(dataDir: string, generation: string | undefined): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(journalPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], bytes: 0, ignored: 0 };
    throw error;
  }
  const bytes = Buffer.byteLength(text);
  const lines: JournalLine[] = [];
  const parts = text.split('\n');
  // The part after the last newline is an append that did not finish (or nothing).
  const complete = parts.slice(0, -1);
  let ignored = parts[parts.length - 1] ? 1 : 0;
  for (const [index, part] of complete.entries()) {
    const tab = part.lastIndexOf('\t');
    const json = tab > 0 ? part.slice(0, tab) : '';
    let line: JournalLine | undefined;
    if (json && checksum(json) === part.slice(tab + 1)) {
      const parsed = parseOwnJson(json);
      const checked = parsed.ok ? journalLineSchema.safeParse(parsed.value) : undefined;
      line = checked?.success ? checked.data : undefined;
    }
    if (!line) {
      // Appends are in order: nothing after a bad line was written after a good one.
      ignored += complete.length - index;
      break;
    }
    if (generation !== undefined && line.g === generation) lines.push(line);
  }
  return { lines, bytes, ignored };
}

/**
 * Appends lines and fsyncs the journal; the folder too when the file is new, so the file itself
 * survives a power cut.
 */
export async function appendJournal(dataDir: string, lines: readonly JournalLine[]): Promise<number> {
  const text = journalText(lines);
  const path = journalPath(dataDir);
  let created = false;
  const handle = await open(path, 'a');
  try {
    created = (await handle.stat()).size === 0;
    await handle.appendFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncFolder(dataDir);
  return Buffer.byteLength(text);
}

/**
 * The catalogue as a store opening `dataDir` would find it on disk (index.json with its journal
 * replayed), without reconciling it with the documents. For tests and tools.
 */
export async function catalogueOnDisk(dataDir: string): Promise<Record<string, Record<string, unknown>>> {
  const path = join(dataDir, 'index.json');
  const index = parseJsonDocument(path, await readFile(path, 'utf8'), catalogueFileSchema);
  const { lines } = await readJournal(dataDir, index.journal);
  const collections = index.collections;
  for (const line of lines) {
    if ('open' in line) continue;
    const collection = (collections[line.c] ??= {});
    if ('x' in line) delete collection[line.id];
    else collection[line.id] = line.s;
  }
  return collections;
}
