/**
 * `trustbridge roster …`: the consortium key roster from the command line.
 *   roster sign <roster.json> --data-dir <dir> --out <file.tbroster>   the coordinator signs a roster
 *   roster verify <file.tbroster>                                      checks a roster file and shows it
 *   roster accept <file.tbroster> --data-dir <dir> [--confirm <fingerprint>]
 *                                                                      a member takes a roster in (the
 *                                                                      first time confirming the
 *                                                                      coordinator's key fingerprint)
 *   roster show --data-dir <dir>                                       the roster in force in a data folder
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { version } from '../../package.json';
import { rosterSchema, type Roster } from '../../shared/consortium/roster';
import { isAppError } from '../../shared/errors';
import { fingerprintForDisplay } from '../../shared/exchange/fingerprint';
import { RosterBook, signRoster, verifyRoster } from '../consortium/roster';
import { KeyRing } from '../keys/key-ring';
import { createPassphraseProtector } from '../keys/passphrase-protector';
import { parseUntrustedJson } from '../platform/json';
import { writeFileDurably } from '../store/durable-write';
import { FolderLock } from '../store/folder-lock';
import { clockOf, parseOptions, type Command, type CommandContext } from './options';
import { readTextIfExists } from '../platform/files';

const usage = [
  'Usage:',
  '  trustbridge roster sign <roster.json> --data-dir <dir> --out <file.tbroster>',
  '  trustbridge roster verify <file.tbroster>',
  '  trustbridge roster accept <file.tbroster> --data-dir <dir> [--confirm <coordinator key fingerprint>]',
  '  trustbridge roster show --data-dir <dir>',
  '',
  'The coordinator signs the roster with the signing key of their data folder (passphrase from',
  'TRUSTBRIDGE_PASSPHRASE). A member confirms the coordinator key once, by the fingerprint the',
  'coordinator gave them by phone or on paper (--confirm, the 64 hex digits, spaces allowed); after',
  'that, only newer rosters signed with that key are accepted.',
].join('\n');

function describeRoster(roster: Roster): string {
  return [
    `Consortium: ${roster.consortiumName} (${roster.consortiumId}), roster number ${roster.sequence}, issued ${roster.issuedAt}`,
    `Valid: ${roster.validFrom} to ${roster.validUntil}`,
    `Coordinator: ${roster.coordinator.exchangeId}, key ${fingerprintForDisplay(roster.coordinator.keyFingerprint)}`,
    'Members:',
    ...roster.members.map((member) => `  ${member.legalName} (${member.exchangeId}): ${member.keyFingerprints.map(fingerprintForDisplay).join('; ')}`),
  ].join('\n');
}


async function readBytes(path: string, context: CommandContext): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    context.err(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'could not be read'}.`);
    return undefined;
  }
}

export const rosterCommand: Command = {
  name: 'roster',
  synopsis: 'roster sign|verify|accept|show …',
  summary: 'Sign, check and take in the consortium key roster',
  run: async (args, context) => {
    const parsed = parseOptions(args, { values: ['data-dir', 'out', 'confirm', 'signer'] });
    if (parsed.problems.length > 0) {
      context.err(`${parsed.problems.join('\n')}\n${usage}`);
      return 2;
    }
    const option = (name: string): string | undefined => parsed.options.get(name);
    const [action, file] = parsed.positional;
    const dataDirArg = option('data-dir');
    const dataDir = dataDirArg ? resolve(context.cwd, dataDirArg) : undefined;
    const fail = (message: string, code = 1) => {
      context.err(message);
      return code;
    };
    try {
      if (action === 'verify' && file && !file.startsWith('--')) {
        const bytes = await readBytes(resolve(context.cwd, file), context);
        if (!bytes) return 1;
        const read = await verifyRoster(bytes);
        if (!read.ok) return fail(`Not valid: ${read.error.message}`);
        context.out(`${describeRoster(read.verified.roster)}\nSigned with the key ${fingerprintForDisplay(read.verified.signedBy)} for ${read.verified.signerExchangeId}.`);
        return 0;
      }
      if (action === 'show' && dataDir) {
        const book = await RosterBook.open(dataDir);
        const trust = book.trust;
        if (!trust) return fail(`No consortium coordinator is confirmed in ${dataDir}.`);
        const roster = book.roster;
        context.out(`Coordinator key confirmed: ${fingerprintForDisplay(trust.coordinatorFingerprint)} (${trust.consortiumId}), on ${trust.confirmedAt}\n${roster ? describeRoster(roster) : 'No roster accepted yet.'}`);
        return 0;
      }
      if (action === 'sign' && file && dataDir && option('out')) {
        const text = await readTextIfExists(resolve(context.cwd, file));
        if (text === undefined) return fail(`${file}: no such file.`);
        const json = parseUntrustedJson(text);
        if (!json.ok) return fail(`${file}: ${json.error.message}`);
        const roster = rosterSchema.safeParse(json.value);
        if (!roster.success) return fail(`${file} is not a valid roster: ${roster.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
        const passphrase = process.env['TRUSTBRIDGE_PASSPHRASE'];
        if (!passphrase) return fail('Set TRUSTBRIDGE_PASSPHRASE to the signing key’s passphrase (it is never taken from the command line, where others could read it).');
        const ring = await KeyRing.open({ dataDir });
        if (!ring.hasKey()) return fail(`${dataDir} has no signing key yet: open it in TrustBridge once to create one.`);
        if (ring.exchangeId() !== roster.data.coordinator.exchangeId) return fail(`The roster names ${roster.data.coordinator.exchangeId} as coordinator, but this data folder's key belongs to ${ring.exchangeId()}.`);
        await ring.unlock(createPassphraseProtector(passphrase));
        const signer = { name: option('signer') ?? 'Consortium coordinator', role: 'Coordinator', institution: roster.data.consortiumName };
        const bytes = await signRoster(roster.data, (canonical) => ring.signCanonical(canonical, signer));
        const signed = await verifyRoster(bytes);
        if (!signed.ok || signed.verified.signedBy !== roster.data.coordinator.keyFingerprint) {
          return fail(`The roster names the coordinator key ${fingerprintForDisplay(roster.data.coordinator.keyFingerprint)}, but this data folder signs with ${signed.ok ? fingerprintForDisplay(signed.verified.signedBy) : 'another key'}. Put the current key's fingerprint in the roster (a roster that announces a new coordinator key is signed with the old one).`);
        }
        const out = resolve(context.cwd, option('out')!);
        await writeFileDurably(out, bytes);
        context.out(`Wrote ${out}: roster ${roster.data.sequence} of ${roster.data.consortiumName}, signed with the key ${fingerprintForDisplay(signed.verified.signedBy)}.`);
        return 0;
      }
      if (action === 'accept' && file && dataDir) {
        const bytes = await readBytes(resolve(context.cwd, file), context);
        if (!bytes) return 1;
        const read = await verifyRoster(bytes);
        if (!read.ok) return fail(`Not valid: ${read.error.message}`);
        // The roster is kept in the data folder: not while TrustBridge has it open elsewhere.
        const lock = await FolderLock.acquire({ dataDir, appVersion: version, now: clockOf(context) });
        try {
          const book = await RosterBook.open(dataDir);
          const confirm = option('confirm')?.replace(/\s+/g, '').toLowerCase();
          if (confirm !== undefined) {
            if (confirm !== read.verified.signedBy) {
              return fail(`The fingerprint you confirmed is not that of the key this roster is signed with (${fingerprintForDisplay(read.verified.signedBy)}). Nothing was changed; check the fingerprint with the coordinator.`);
            }
            await book.confirmCoordinator({ consortiumId: read.verified.roster.consortiumId, exchangeId: read.verified.signerExchangeId, fingerprint: confirm }, clockOf(context)());
          }
          const offer = await book.offer(bytes);
          if (offer.decision.outcome === 'refused') return fail(offer.message);
          context.out(offer.message);
          return 0;
        } finally {
          await lock.release();
        }
      }
    } catch (error) {
      return fail(`roster: ${isAppError(error) || error instanceof Error ? error.message : String(error)}`);
    }
    return fail(usage, 2);
  },
};
