/**
 * `trustbridge verify` and `trustbridge inspect`: check an exchange file without opening the app —
 * for a QA officer who wants a second opinion, and for partner universities' own tooling.
 * Both only read: neither remembers keys nor changes the data folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { shortFingerprint } from '../../shared/crypto/sha256';
import { describeCounts } from '../../shared/exchange/summary';
import { exchangeLimits } from '../../shared/exchange/schema';
import type { AppErrorData } from '../../shared/errors';
import { inspectExchangeFile, tooLarge, verifyExchangeFile, type SignatureTrust, type VerifiedExchange, type VerifyOptions } from '../exchange/read';
import { KeyRing } from '../keys/key-ring';
import { PartnerKeys } from '../keys/partner-keys';
import { parseOptions, type Command, type CommandContext } from './options';

interface Parsed {
  file: string;
  dataDir?: string;
  json: boolean;
}

function parseArguments(args: readonly string[], allowDataDir: boolean): Parsed | string {
  const { options, flags, positional, problems } = parseOptions(args, { values: allowDataDir ? ['data-dir'] : [], flags: ['json'] });
  if (problems[0] !== undefined) return problems[0].replace(/^--data-dir needs a value$/, '--data-dir needs a folder.');
  if (positional.length > 1) return `Only one file at a time; "${positional[1]}" is one too many.`;
  const file = positional[0];
  if (file === undefined) return 'Name the file to read.';
  const dataDir = options.get('data-dir');
  return { file, json: flags.has('json'), ...(dataDir !== undefined ? { dataDir } : {}) };
}

/** Reads the file, refusing an oversized one before reading it. */
async function readExchangeBytes(path: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: AppErrorData }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: { code: 'INVALID_REQUEST', message: `${path} is not a file.` } };
    if (info.size > exchangeLimits.maxBytes) return tooLarge(info.size, exchangeLimits.maxBytes);
    return { ok: true, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      error: { code: 'NOT_FOUND', message: code === 'ENOENT' ? `There is no file ${path}.` : `${path} could not be read (${code ?? 'unknown error'}).` },
    };
  }
}

function usageError(context: CommandContext, synopsis: string, problem: string): number {
  context.err(`${problem}\nUsage: trustbridge ${synopsis}`);
  return 2;
}

function reportFailure(context: CommandContext, json: boolean, file: string, error: AppErrorData): number {
  if (json) context.out(JSON.stringify({ ok: false, file, error }, null, 2));
  else context.err(`Not valid: ${error.message}`);
  return 1;
}

const verifySynopsis = 'verify <file> [--data-dir <dir>] [--json]';

const verifyCommand: Command = {
  name: 'verify',
  synopsis: verifySynopsis,
  summary: 'Check an exchange file’s signatures, keys and content',
  run: async (args, context) => {
    const parsed = parseArguments(args, true);
    if (typeof parsed === 'string') return usageError(context, verifySynopsis, parsed);
    const path = resolve(context.cwd, parsed.file);
    const options: VerifyOptions = {};
    if (parsed.dataDir !== undefined) {
      const dataDir = resolve(context.cwd, parsed.dataDir);
      const isFolder = await stat(dataDir).then((info) => info.isDirectory(), () => false);
      if (!isFolder) return usageError(context, verifySynopsis, `There is no data folder ${dataDir}.`);
      try {
        options.partnerKeys = await PartnerKeys.open({ dataDir });
        options.ownKeyRing = await KeyRing.open({ dataDir });
      } catch (error) {
        context.err(error instanceof Error ? error.message : String(error));
        return 1;
      }
    }
    const read = await readExchangeBytes(path);
    if (!read.ok) return reportFailure(context, parsed.json, path, read.error);
    const result = await verifyExchangeFile(read.bytes, options);
    if (!result.ok) return reportFailure(context, parsed.json, path, result.error);
    if (parsed.json) context.out(JSON.stringify({ ok: true, file: path, ...verifiedForJson(result.verified) }, null, 2));
    else context.out(describeVerified(path, result.verified));
    return 0;
  },
};

const inspectSynopsis = 'inspect <file> [--json]';

const inspectCommand: Command = {
  name: 'inspect',
  synopsis: inspectSynopsis,
  summary: 'Show what an exchange file claims to hold, without trusting it',
  run: async (args, context) => {
    const parsed = parseArguments(args, false);
    if (typeof parsed === 'string') return usageError(context, inspectSynopsis, parsed);
    const path = resolve(context.cwd, parsed.file);
    const read = await readExchangeBytes(path);
    if (!read.ok) return reportFailure(context, parsed.json, path, read.error);
    const result = inspectExchangeFile(read.bytes);
    if (!result.ok) return reportFailure(context, parsed.json, path, result.error);
    const inspection = result.inspection;
    if (parsed.json) {
      context.out(JSON.stringify({ ok: true, verified: false, file: path, ...inspection }, null, 2));
      return 0;
    }
    const lines = [
      'NOT VERIFIED: this is what the file claims. Run `trustbridge verify` to check it.',
      `File         ${path}`,
      `Format       ${inspection.format ?? '(none)'} version ${inspection.formatVersion ?? '(none)'}`,
      `Issuer       ${inspection.issuer.legalName ?? '(unnamed)'}${inspection.issuer.country ? ` (${inspection.issuer.country})` : ''}, exchange id ${inspection.issuer.exchangeId ?? '(none)'}`,
      `Issued       ${inspection.issuedAt ?? '(no date)'}`,
      `Holds        ${describeCounts(inspection.counts)}`,
      ...inspection.items.map((item) => `  - ${item.label}`),
      ...(inspection.payloadFingerprint ? [`Content fingerprint  ${shortFingerprint(inspection.payloadFingerprint, 16)}`] : []),
      ...(inspection.payloadIssues.length
        ? ['Problems with the content:', ...inspection.payloadIssues.map((issue) => `  ${issue.path}: ${issue.message}`)]
        : []),
      ...(inspection.signatures.length ? [] : ['Signatures   none']),
      ...inspection.signatures.flatMap((signature) => [
        `Signature ${signature.position}  claimed by ${[signature.signer?.name, signature.signer?.role, signature.signer?.institution].filter(Boolean).join(', ') || '(nobody named)'}` +
          `${signature.exchangeId ? `, exchange id ${signature.exchangeId}` : ''}${signature.signedAt ? `, ${signature.signedAt}` : ''}`,
        `             key ${signature.displayFingerprint ?? '(unreadable)'}${signature.fingerprintMatchesKid === false ? ' — DOES NOT match the fingerprint the header states' : ''}`,
        ...(signature.rotationStatements ? [`             carries ${signature.rotationStatements} key-rotation statement(s)`] : []),
        ...(signature.problem ? [`             problem: ${signature.problem}`] : []),
      ]),
    ];
    context.out(lines.join('\n'));
    return 0;
  },
};

export const exchangeCommands: Command[] = [verifyCommand, inspectCommand];

function describeTrust(trust: SignatureTrust): string {
  switch (trust.status) {
    case 'not-checked':
      return 'not checked against known partners (give --data-dir to check)';
    case 'own':
      return trust.key === 'current' ? 'your own institution’s key' : 'an earlier key of your own institution, since replaced';
    case 'new-issuer':
      return 'first file from this institution: its key is new here and not confirmed; compare the fingerprint with the partner';
    case 'known':
      if (trust.keyStatus === 'confirmed') return `known key of ${trust.institutionName}, fingerprint confirmed`;
      if (trust.keyStatus === 'retired') return `an earlier key of ${trust.institutionName}, since replaced`;
      return `known key of ${trust.institutionName}, fingerprint not yet confirmed`;
    case 'rotated':
      return `new key of ${trust.institutionName}, handed over by its known key ${shortFingerprint(trust.fromFingerprint, 4)}${trust.confirmedBefore ? ' (which was confirmed)' : ''}`;
  }
}

function describeVerified(path: string, verified: VerifiedExchange): string {
  const { payload } = verified;
  return [
    `Valid: ${verified.signatures.length === 1 ? 'the signature matches' : `all ${verified.signatures.length} signatures match`} the content.`,
    `File         ${path}`,
    `Issuer       ${verified.issuer.legalName} (${verified.issuer.country}), exchange id ${verified.issuer.exchangeId}`,
    `Issued       ${payload.issuedAt}`,
    `Holds        ${describeCounts(verified.counts)}`,
    ...verified.items.map((item) => `  - ${item.label}`),
    ...(verified.missingFrameworks.length
      ? [`Not included: the framework snapshot${verified.missingFrameworks.length > 1 ? 's' : ''} ${verified.missingFrameworks.map((ref) => `${ref.id} ${ref.version} (${shortFingerprint(ref.fingerprint, 2)})`).join(', ')}`]
      : []),
    `Content fingerprint  ${shortFingerprint(verified.payloadFingerprint, 16)}`,
    ...verified.signatures.flatMap((signature) => [
      `Signature ${signature.position}  ${[signature.signer.name, signature.signer.role, signature.signer.institution].filter(Boolean).join(', ')}${signature.byIssuer ? ' (issuer)' : ''}`,
      `             signed ${signature.signedAt}, exchange id ${signature.exchangeId}`,
      `             key ${signature.displayFingerprint} (verification code ${signature.verificationCode})`,
      `             ${describeTrust(signature.trust)}`,
    ]),
  ].join('\n');
}

function verifiedForJson(verified: VerifiedExchange) {
  return {
    payloadFingerprint: verified.payloadFingerprint,
    issuedAt: verified.payload.issuedAt,
    issuer: verified.issuer,
    counts: verified.counts,
    items: verified.items,
    missingFrameworks: verified.missingFrameworks,
    signatures: verified.signatures.map((signature) => ({
      position: signature.position,
      signer: signature.signer,
      exchangeId: signature.exchangeId,
      byIssuer: signature.byIssuer,
      fingerprint: signature.fingerprint,
      verificationCode: signature.verificationCode,
      signedAt: signature.signedAt,
      trust: signature.trust,
    })),
  };
}
