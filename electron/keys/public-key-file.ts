/**
 * Reading a partner's public key file (written by KeyRing.exportPublicKey). The file itself proves
 * nothing — anyone can write one — so what it gives is a key *sighting*: remembered like a first
 * use, and worth confirming by comparing the fingerprint with the partner.
 */
import { keyFingerprint } from '../../shared/exchange/fingerprint';
import { publicKeyFileSchema, type PublicKeyFile } from '../../shared/exchange/schema';
import { describeIssues, fieldIssues } from '../../shared/ipc/zod-issues';
import type { AppErrorData } from '../../shared/errors';
import { readStrictJson } from '../platform/json';
import type { KeySighting } from './partner-keys';
import { verifyRotationStatements } from './rotation';

const limits = { maxDepth: 8, maxStringLength: 4000, maxArrayLength: 16, maxObjectKeys: 32 };
const maxBytes = 128 * 1024;

export async function readPublicKeyFile(
  bytes: Uint8Array,
): Promise<{ ok: true; publicKey: PublicKeyFile; sighting: KeySighting } | { ok: false; error: AppErrorData }> {
  const refuse = (message: string, extra: Partial<AppErrorData> = {}) => ({ ok: false as const, error: { code: 'INVALID_FILE' as const, message, ...extra } });
  if (bytes.byteLength > maxBytes) return refuse('This file is far too large to be a TrustBridge public key file.');
  const json = readStrictJson(bytes, limits);
  if (!json.ok) return refuse(`This is not a TrustBridge public key file: ${json.problem.detail} (line ${json.problem.line}, column ${json.problem.column}).`);
  const parsed = publicKeyFileSchema.safeParse(json.value);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    return refuse(`This is not a TrustBridge public key file (${describeIssues(issues)[0] ?? 'unknown structure'}).`, { issues });
  }
  const publicKey = parsed.data;
  if (keyFingerprint(publicKey.jwk) !== publicKey.fingerprint) {
    return refuse('The fingerprint written in this public key file does not belong to its key, so the file was changed or made carelessly. Ask the partner for a new one.');
  }
  const rotations = await verifyRotationStatements(publicKey.rotations);
  if (!rotations.ok) return refuse(`Key-rotation statement ${rotations.index + 1} in this public key file is not valid: ${rotations.reason}.`);
  return {
    ok: true,
    publicKey,
    sighting: { exchangeId: publicKey.exchangeId, institutionName: publicKey.institution.legalName, jwk: publicKey.jwk, rotations: rotations.rotations },
  };
}
