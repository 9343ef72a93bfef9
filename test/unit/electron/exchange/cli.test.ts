/** `trustbridge verify` and `trustbridge inspect`, through runCli and once as a real process. */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeLimits } from '../../../../shared/exchange/schema';
import { runCli } from '../../../../electron/cli/run';
import { verifyExchangeFile } from '../../../../electron/exchange/read';
import { createExchangeFile } from '../../../../electron/exchange/write';
import { makeParty, partnerProfile, sampleAssessment, sampleFramework, type Party } from '../../../support/exchange-factories';
import { sampleProfile } from '../../../support/factories';
import { repoRoot } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';
import { expectClearMessage, text, utf8 } from './refusals';

let a: Party;
let b: Party;
let folder: Awaited<ReturnType<typeof tempFolder>>;
let validPath: string;
let tamperedPath: string;
let garbagePath: string;

beforeAll(async () => {
  a = await makeParty(sampleProfile(), 'Dra. Elena Martín');
  b = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
  folder = await tempFolder();
  const framework = sampleFramework();
  const file = await createExchangeFile(
    { issuer: a.issuer, items: [{ type: 'framework', framework }, { type: 'assessment', assessment: sampleAssessment({}, { framework }) }] },
    a.keyRing,
    a.signer,
  );
  validPath = join(folder.path, 'ejemplo.trustbridge');
  tamperedPath = join(folder.path, 'tampered.trustbridge');
  garbagePath = join(folder.path, 'garbage.trustbridge');
  await writeFile(validPath, file);
  await writeFile(tamperedPath, text(file).replace('"level": 3', '"level": 4'));
  await writeFile(garbagePath, '{"format": "trustbridge-exchange", ');
});

afterAll(async () => {
  await a.remove();
  await b.remove();
  await folder.remove();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: folder.path });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('trustbridge verify', () => {
  it('prints signer, institution, fingerprint and content, and exits 0, without a data folder', async () => {
    const { code, out, err } = await cli('verify', 'ejemplo.trustbridge');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Valid: the signature matches the content\./);
    expect(out).toContain('Universidad de Ejemplo (ES), exchange id ' + a.keyRing.exchangeId());
    expect(out).toContain('Signature 1  Dra. Elena Martín, Rectora, Universidad de Ejemplo (issuer)');
    expect(out).toContain(a.keyRing.summary().displayFingerprint);
    expect(out).toContain(`verification code ${a.keyRing.summary().verificationCode}`);
    expect(out).toContain('Holds        1 framework, 1 assessment');
    expect(out).toContain('not checked against known partners');
  });

  it('checks keys against the partners remembered in a data folder, reading only', async () => {
    const before = await cli('verify', validPath, '--data-dir', b.dataDir);
    expect(before.code).toBe(0);
    expect(before.out).toContain('first file from this institution');

    const verified = await verifyExchangeFile(new Uint8Array(await readFile(validPath)), { partnerKeys: b.partnerKeys });
    if (!verified.ok) throw new Error(verified.error.message);
    await b.partnerKeys.remember(verified.verified.signatures.map((s) => s.sighting));
    const registry = await readFile(join(b.dataDir, 'keys', 'partner-keys.json'), 'utf8');

    const after = await cli('verify', validPath, '--data-dir', b.dataDir);
    expect(after.code).toBe(0);
    expect(after.out).toContain('known key of Universidad de Ejemplo, fingerprint not yet confirmed');
    expect(await readFile(join(b.dataDir, 'keys', 'partner-keys.json'), 'utf8')).toBe(registry);
  });

  it('exits 1 with the reason for a file changed after signing', async () => {
    const { code, out, err } = await cli('verify', tamperedPath);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^Not valid: Signature 1 \(by Dra\. Elena Martín, Rectora, Universidad de Ejemplo\) does not match the file's content/);
  });

  it('answers in JSON with --json, valid or not', async () => {
    const valid = await cli('verify', validPath, '--json');
    expect(valid.code).toBe(0);
    const report = JSON.parse(valid.out) as { ok: boolean; issuer: { legalName: string }; signatures: Array<{ fingerprint: string; trust: { status: string } }> };
    expect(report).toMatchObject({ ok: true, issuer: { legalName: 'Universidad de Ejemplo' }, signatures: [{ fingerprint: a.keyRing.fingerprint(), trust: { status: 'not-checked' } }] });

    const invalid = await cli('verify', garbagePath, '--json');
    expect(invalid.code).toBe(1);
    const refusal = JSON.parse(invalid.out) as { ok: boolean; error: { code: string; message: string } };
    expect(refusal).toMatchObject({ ok: false, error: { code: 'INVALID_FILE' } });
    expectClearMessage(refusal.error.message);
  });

  it('refuses a file just over the size limit without reading it', async () => {
    const huge = join(folder.path, 'huge.trustbridge');
    await writeFile(huge, Buffer.alloc(exchangeLimits.maxBytes + 1, 0x20));
    const { code, err } = await cli('verify', huge);
    expect(code).toBe(1);
    expect(err).toMatch(/^Not valid: The file is 20,971,521 bytes and TrustBridge reads exchange files up to 20,971,520 bytes\./);
  });

  it('explains wrong usage and missing files', async () => {
    expect((await cli('verify')).code).toBe(2);
    expect((await cli('verify', 'a', 'b')).err).toMatch(/one too many/);
    expect((await cli('verify', validPath, '--data-dir', join(folder.path, 'nowhere'))).code).toBe(2);
    const missing = await cli('verify', 'missing.trustbridge');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/There is no file .*missing\.trustbridge\./);
  });
});

describe('trustbridge inspect', () => {
  it('shows what a file claims, even when its signature does not match, and exits 0', async () => {
    const { code, out } = await cli('inspect', tamperedPath);
    expect(code).toBe(0);
    expect(out).toMatch(/^NOT VERIFIED/);
    expect(out).toContain('Issuer       Universidad de Ejemplo (ES)');
    expect(out).toContain('Self-assessment "Self-assessment 2026" of Universidad de Ejemplo');
    expect(out).toContain('claimed by Dra. Elena Martín, Rectora, Universidad de Ejemplo');
  });

  it('lists content problems, and exits 1 only for a file that cannot be parsed', async () => {
    const odd = join(folder.path, 'odd.trustbridge');
    await writeFile(odd, JSON.stringify({ format: 'trustbridge-exchange', formatVersion: 1, payload: { items: [{ type: 'agreement' }] }, signatures: [] }));
    const inspected = await cli('inspect', odd, '--json');
    expect(inspected.code).toBe(0);
    const report = JSON.parse(inspected.out) as { verified: boolean; payloadIssues: Array<{ path: string }>; items: Array<{ type: string }> };
    expect(report.verified).toBe(false);
    expect(report.items).toMatchObject([{ type: 'agreement' }]);
    expect(report.payloadIssues.map((issue) => issue.path)).toContain('payload.issuer');

    const broken = await cli('inspect', garbagePath);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^Not valid: The file is not valid JSON: .* at line 1, column \d+\./);
  });
});

describe('the trustbridge command as a process', () => {
  const run = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'electron/cli/index.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

  it('exits 0 for a valid file and 1 for a changed one', () => {
    const valid = run('verify', validPath);
    expect(valid.status, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('Valid: the signature matches the content.');
    const tampered = run('verify', tamperedPath);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain("does not match the file's content");
  }, 120_000);
});

it('the example in the documentation verifies through the command line', async () => {
  const { code, out } = await cli('verify', join(repoRoot, 'docs/examples/example.trustbridge'));
  expect(code).toBe(0);
  expect(out).toContain('Universidad de Ejemplo');
  expect(utf8(out).length).toBeGreaterThan(0);
});
