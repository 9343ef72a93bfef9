/**
 * A lowdb adapter over one JSON file, written with `writeFileDurably`. Reading tells apart a file
 * that is absent (null) from one that exists but cannot be used (`DamagedFileError`), because the
 * store answers the two differently: the first is normal, the second is set aside and restored.
 */
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { parseOwnJson } from '../platform/json';
import { writeFileDurably } from './durable-write';
import { writeCopy } from './checked-copy';
import { DamagedFileError, type DamageReason } from './damaged-file';

export { DamagedFileError, type DamageReason };

export async function readJsonFile(path: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DamagedFileError(path, 'unreadable', (error as NodeJS.ErrnoException).code ?? '');
  }
  return parseJsonText(path, text);
}

/** Parses the text of a JSON file that must hold an object; damage is a `DamagedFileError` naming `path`. */
export function parseJsonText(path: string, text: string): Record<string, unknown> {
  const parsed = parseOwnJson(text);
  if (!parsed.ok) throw new DamagedFileError(path, parsed.reason, parsed.detail);
  const { value } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DamagedFileError(path, 'not-an-object');
  }
  return value as Record<string, unknown>;
}

/**
 * Parses a file the app wrote and checks it against its schema: what comes back has been checked,
 * not cast. Damage of any kind is a `DamagedFileError`, which the callers set aside and restore.
 */
export function parseJsonDocument<T>(path: string, text: string | Uint8Array, schema: z.ZodType<T>): T {
  const source = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  const parsed = parseOwnJson(source);
  if (!parsed.ok) throw new DamagedFileError(path, parsed.reason, parsed.detail);
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) throw new DamagedFileError(path, 'invalid', describeIssuePaths(checked.error));
  return checked.data;
}

/** Where a value failed its schema, for the log: the first three paths, never the data. */
function describeIssuePaths(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => issue.path.join('.'))
    .join(', ');
}

/** Reads a file the app wrote and checks it; undefined when it does not exist. */
export async function readJsonDocument<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DamagedFileError(path, 'unreadable', (error as NodeJS.ErrnoException).code ?? '');
  }
  return parseJsonDocument(path, text, schema);
}

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    /** With `copyPath`, every write is followed by the file's self-checking copy (checked-copy.ts). */
    private readonly options: { keepBackup?: boolean; indent?: number; copyPath?: string } = {},
  ) {}

  async read(): Promise<T | null> {
    return (await readJsonDocument(this.path, this.schema)) ?? null;
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, this.options.indent);
    const bytes = Buffer.from(text + '\n', 'utf8');
    await writeFileDurably(this.path, bytes, { keepBackup: this.options.keepBackup ?? true });
    if (this.options.copyPath) await writeCopy(this.options.copyPath, bytes);
  }
}
