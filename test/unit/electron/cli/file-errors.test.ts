/**
 * A path the command line cannot read is not "missing": only a path where nothing is answers
 * "no such file"/"no such folder"; any other failure the disk reports is the command's one-line
 * error naming the path and the problem, with exit code 1. The tests run as root, who is never
 * refused for permissions, so a symbolic-link loop (ELOOP) and a folder read as a file (EISDIR)
 * stand in for a permission refused.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let loop = '';

beforeAll(async () => {
  folder = await tempFolder('trustbridge-cli-file-errors-');
  loop = join(folder.path, 'loop');
  await symlink(loop, loop);
  await mkdir(join(folder.path, 'a-folder'));
});

afterAll(async () => {
  await folder.remove();
});

async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), cwd: folder.path });
  return { code, err: err.join('\n'), out: out.join('\n') };
}

describe('the command line on a path it cannot read', () => {
  const loopError = () => new RegExp(`^(trustbridge|roster): ${loop.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/index\\.json)? cannot be read: too many symbolic links \\(ELOOP\\)\\.$`);

  it.each([
    ['framework validate', ['framework', 'validate', 'loop']],
    ['score', ['score', '--framework', 'loop', '--ratings', 'loop', '--json']],
    ['export', ['export', '--data-dir', 'loop', '--id', 'x', '--out', 'x.trustbridge']],
    ['raters', ['raters', '--in', 'loop', '--id', 'x', '--json']],
    ['report', ['report', '--kind', 'readiness', '--format', 'docx', '--in', 'loop', '--id', 'x', '--out', 'r.docx']],
    ['demo', ['demo', '--out', 'loop']],
  ])('%s: one line naming the path and the problem, not "no such"', async (_name, args) => {
    const result = await run(args);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(loopError());
    expect(result.err).not.toMatch(/no such|not a TrustBridge data folder/);
  });

  it('roster sign: a folder given as the roster file is a folder, not a missing file (EISDIR)', async () => {
    const result = await run(['roster', 'sign', 'a-folder', '--data-dir', 'a-folder', '--out', 'r.trustbridge']);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`roster: ${join(folder.path, 'a-folder')} cannot be read: it is a folder, not a file (EISDIR).`);
  });

  it('still answers "no such file" and "no such folder" when nothing is there', async () => {
    expect(await run(['framework', 'validate', 'missing.json'])).toMatchObject({ code: 1, err: 'missing.json: no such file' });
    expect(await run(['raters', '--in', 'missing', '--id', 'x', '--json'])).toMatchObject({ code: 1, err: 'missing: no such data folder' });
    expect(await run(['report', '--kind', 'readiness', '--format', 'docx', '--in', 'missing', '--id', 'x', '--out', 'r.docx'])).toMatchObject({ code: 1, err: 'missing: no such folder' });
  });
});
