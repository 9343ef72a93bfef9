/**
 * `trustbridge demo` writes both universities' signed files and the countersigned agreement, which
 * `trustbridge verify` accepts; `trustbridge export` writes signed files from a data folder, with
 * the passphrase from the environment only.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run';
import { demoPassphrase } from '../../../../electron/demo/demo-exchange';
import { verifyExchangeFile } from '../../../../electron/exchange/read';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let demoOut = '';

function context() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, context: { out: (text: string) => out.push(text), err: (text: string) => err.push(text), cwd: folder.path } };
}

const idOf = (label: string) => new RegExp(`^ {2}${label.replace(/[()]/g, '\\$&')}\\s+(\\S+)`, 'm').exec(demoOut)?.[1] ?? '';

beforeAll(async () => {
  folder = await tempFolder('trustbridge-cli-export-');
  process.env['TRUSTBRIDGE_TEMPLATES'] = templatesDir;
  const { out, err, context: ctx } = context();
  expect(await runCli(['demo', '--out', 'demo'], ctx), err.join('\n')).toBe(0);
  demoOut = out.join('\n');
}, 120_000);

afterAll(async () => {
  delete process.env['TRUSTBRIDGE_TEMPLATES'];
  delete process.env['TRUSTBRIDGE_PASSPHRASE'];
  await folder.remove();
});

describe('demo: the signed files between the two universities', () => {
  it('writes each university’s signed file and the agreement signed by both, all verifying', async () => {
    const files = ['universidad-de-ejemplo', 'tampere-test-university', 'agreement-signed-by-universidad-de-ejemplo', 'agreement-countersigned'].map((name) =>
      join(folder.path, 'demo', 'demo-exchange', `${name}.trustbridge`),
    );
    const results = await Promise.all(files.map(async (file) => verifyExchangeFile(new Uint8Array(await readFile(file)))));
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true]);
    const [fromA, fromB, signedByA, countersigned] = results.map((result) => (result.ok ? result.verified : undefined));
    expect(fromA!.issuer.legalName).toBe('Universidad de Ejemplo');
    expect(fromA!.counts).toMatchObject({ partnership: 1, assessment: 4 });
    expect(fromB!.issuer.legalName).toBe('Tampere Test University');
    expect(fromB!.counts).toMatchObject({ assessment: 2 });
    expect(signedByA!.signatures.map((signature) => signature.signer.institution)).toEqual(['Universidad de Ejemplo']);
    expect(countersigned!.signatures.map((signature) => signature.signer.institution)).toEqual(['Universidad de Ejemplo', 'Tampere Test University']);
    // The countersignature covers the very payload A signed (approval by hash).
    expect(countersigned!.payloadFingerprint).toBe(signedByA!.payloadFingerprint);

    // The CLI's verify says the same, and the Word export names both signatories.
    const { out, context: ctx } = context();
    expect(await runCli(['verify', files[3]!], ctx)).toBe(0);
    expect(out.join('\n')).toContain('Tampere Test University');
    const word = join(folder.path, 'demo', 'demo-exchange', 'agreement.docx');
    const text = execFileSync('/usr/bin/python3', ['-c', 'import sys,docx\nd=docx.Document(sys.argv[1])\nprint("\\n".join([p.text for p in d.paragraphs]+[c.text for t in d.tables for r in t.rows for c in r.cells]))', word], { encoding: 'utf8' });
    expect(text).toContain(/code (\S+ \S+ \S+)/.exec(demoOut)?.[1]);
    expect(demoOut).toContain(demoPassphrase);
  });
});

describe('export', () => {
  it('signs assessments and a partnership with the passphrase from the environment', async () => {
    const out = join(folder.path, 'from-cli.trustbridge');
    delete process.env['TRUSTBRIDGE_PASSPHRASE'];
    const missing = context();
    expect(await runCli(['export', '--data-dir', 'demo', '--id', idOf('partnership'), '--out', out], missing.context)).toBe(1);
    expect(missing.err.join('\n')).toContain('TRUSTBRIDGE_PASSPHRASE');

    process.env['TRUSTBRIDGE_PASSPHRASE'] = 'not the passphrase';
    const wrong = context();
    expect(await runCli(['export', '--data-dir', 'demo', '--id', idOf('partnership'), '--out', out], wrong.context)).toBe(1);

    process.env['TRUSTBRIDGE_PASSPHRASE'] = demoPassphrase;
    const ok = context();
    expect(await runCli(['export', '--data-dir', 'demo', '--id', `${idOf('self-assessment (A)')},${idOf('audit of B by A')}`, '--out', out], ok.context), ok.err.join('\n')).toBe(0);
    const verified = await verifyExchangeFile(new Uint8Array(await readFile(out)));
    expect(verified.ok && verified.verified.counts['assessment']).toBe(2);
  });

  it('writes the agreement as signed, without needing the key', async () => {
    delete process.env['TRUSTBRIDGE_PASSPHRASE'];
    const out = join(folder.path, 'agreement-again.trustbridge');
    const run = context();
    expect(await runCli(['export', '--data-dir', 'demo', '--id', idOf('agreement (signed by both)'), '--out', out], run.context), run.err.join('\n')).toBe(0);
    const verified = await verifyExchangeFile(new Uint8Array(await readFile(out)));
    expect(verified.ok && verified.verified.signatures).toHaveLength(2);
  });

  it('refuses unknown ids, a wrong output name and a folder that is not a data folder, without writing', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['--data-dir', 'demo', '--id', 'nope', '--out', 'x.trustbridge'], 1, /No assessment, partnership or agreement with the id nope/],
      [['--data-dir', 'demo', '--id', 'nope', '--out', 'x.json'], 2, /must name a \.trustbridge file/],
      [['--data-dir', 'elsewhere', '--id', 'nope', '--out', 'x.trustbridge'], 1, /not a TrustBridge data folder/],
      [['--id', 'nope'], 2, /--data-dir <folder> is required/],
    ];
    for (const [args, code, message] of cases) {
      const run = context();
      expect(await runCli(['export', ...args], run.context)).toBe(code);
      expect(run.err.join('\n')).toMatch(message);
    }
    await expect(readFile(join(folder.path, 'x.trustbridge'))).rejects.toThrow();
  });
});
