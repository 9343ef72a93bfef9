/**
 * Evidence files on real disk: checked against their SHA-256 when read, restored from their second
 * copy when damaged, and refused with the file's name and where the damaged copies went when both
 * are damaged.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreNotice } from '../../../../shared/store/notices';
import { EvidenceStore } from '../../../../electron/store/evidence-store';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let notices: Array<Omit<StoreNotice, 'id' | 'at'>>;
let evidence: EvidenceStore;
const content = Buffer.from('Minutes of the quality board, 12 May 2026.\n');
const sha256 = createHash('sha256').update(content).digest('hex');

beforeEach(async () => {
  folder = await tempFolder('trustbridge-evidence-');
  notices = [];
  evidence = new EvidenceStore(join(folder.path, 'evidence'), { dataDir: folder.path, notify: async (notice) => void notices.push(notice) });
  await writeFile(join(folder.path, 'minutes.txt'), content);
  expect(await evidence.addFile(join(folder.path, 'minutes.txt'))).toEqual({ sha256, size: content.length });
});

afterEach(async () => {
  await folder.remove();
});

const damages = {
  truncated: content.subarray(0, 10),
  'random bytes': Buffer.from([0x00, 0xff, 0x13, 0x37]),
  emptied: Buffer.alloc(0),
};

describe('evidence files and their copies', () => {
  it('stores a second copy of every file, byte for byte', async () => {
    expect(await readFile(evidence.copyPathOf(sha256)!)).toEqual(content);
    expect(await evidence.check(sha256)).toEqual({ state: 'good' });
    expect(notices).toEqual([]);
  });

  for (const [name, bytes] of Object.entries(damages)) {
    it(`restores a ${name} evidence file from its copy, keeps the damaged one and says so`, async () => {
      await writeFile(evidence.pathOf(sha256), bytes);
      const checked = await evidence.check(sha256);
      expect(checked.state).toBe('restored');
      expect(await readFile(evidence.pathOf(sha256))).toEqual(content);
      expect(notices).toEqual([expect.objectContaining({ kind: 'restored-from-copy', collection: 'evidence', documentId: sha256, reason: 'checksum' })]);
      expect(await readFile(notices[0]!.setAsidePath!)).toEqual(bytes);
    });

    it(`writes a ${name} copy again from the good file`, async () => {
      await writeFile(evidence.copyPathOf(sha256)!, bytes);
      expect(await evidence.verify(sha256)).toBe(true);
      expect(await readFile(evidence.copyPathOf(sha256)!)).toEqual(content);
      expect(notices).toEqual([expect.objectContaining({ kind: 'copy-repaired', collection: 'evidence' })]);
    });
  }

  it('restores a missing evidence file from its copy', async () => {
    await rm(evidence.pathOf(sha256));
    expect((await evidence.check(sha256)).state).toBe('restored');
    expect(await readFile(evidence.pathOf(sha256))).toEqual(content);
    expect(notices).toEqual([expect.objectContaining({ kind: 'restored-from-copy', reason: 'missing' })]);
  });

  it('says so when the file and its copy are both damaged, and where both went', async () => {
    await writeFile(evidence.pathOf(sha256), 'damaged');
    await writeFile(evidence.copyPathOf(sha256)!, 'damaged too');
    const checked = await evidence.check(sha256);
    expect(checked).toMatchObject({ state: 'damaged', setAsidePath: expect.stringContaining(join(folder.path, 'quarantine', 'evidence')) });
    expect(await evidence.verify(sha256)).toBe(false);
    if (checked.state !== 'damaged') throw new Error('unreachable');
    expect(await readFile(checked.copySetAsidePath!, 'utf8')).toBe('damaged too');
    expect(notices[0]).toMatchObject({ kind: 'set-aside', collection: 'evidence', documentId: sha256 });
  });
});
