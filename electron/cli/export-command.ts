/**
 * `trustbridge export --data-dir <dir> --id <id>[,<id>…] --out <file>`: a signed exchange file from a
 * data folder, without the app — for scripts that publish a university's assessments to its
 * consortium's shared folder. Assessments and partnerships are signed with the institution's key
 * (its passphrase from TRUSTBRIDGE_PASSPHRASE); an agreement is written as signed, with the
 * signatures it carries.
 */
import { resolve } from 'node:path';
import { isAppError } from '../../shared/errors';
import { writeFileDurably } from '../store/durable-write';
import { parseOptions, type Command } from './options';
import { withCore } from './report-commands';
import { statIfExists } from '../platform/files';

const usage = [
  'Usage: trustbridge export --data-dir <folder> --id <id>[,<id>…] --out <file.trustbridge>',
  '',
  '  --id        assessments and partnerships (several, separated by commas), or one agreement',
  '  --out       the exchange file to write',
  '',
  'Signing needs the key’s passphrase in the environment variable TRUSTBRIDGE_PASSPHRASE. A key kept',
  'in the system keychain can only be used by the TrustBridge app: export from the app instead.',
].join('\n');

export const exportCommand: Command = {
  name: 'export',
  synopsis: 'export --data-dir <dir> --id <id> --out <file>',
  summary: 'Write a signed exchange file from a data folder',
  async run(args, context) {
    const { options, flags, problems } = parseOptions(args, { values: ['data-dir', 'id', 'out'] });
    if (flags.has('help')) {
      context.out(usage);
      return 0;
    }
    const input = options.get('data-dir');
    const ids = (options.get('id') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const out = options.get('out');
    if (!input) problems.push('--data-dir <folder> is required');
    if (!ids.length) problems.push('--id is required');
    if (!out) problems.push('--out <file> is required');
    else if (!out.toLowerCase().endsWith('.trustbridge')) problems.push('--out must name a .trustbridge file');
    if (problems.length) {
      context.err(`${problems.join('\n')}\n\n${usage}`);
      return 2;
    }
    const dataDir = resolve(context.cwd, input!);
    // Absent: not a data folder; any other failure is thrown in its own words.
    if (!(await statIfExists(resolve(dataDir, 'index.json')))) {
      context.err(`${input} is not a TrustBridge data folder.`);
      return 1;
    }
    const outPath = resolve(context.cwd, out!);
    return withCore(
      dataDir,
      context,
      async (core) => {
        const agreements = ids.filter((id) => core.store.has(core.agreements.kind, id));
        const assessmentIds = ids.filter((id) => core.store.has(core.assessments.kind, id));
        const partnershipIds = ids.filter((id) => core.partnerships.list().some((summary) => summary.id === id));
        const unknown = ids.filter((id) => !agreements.includes(id) && !assessmentIds.includes(id) && !partnershipIds.includes(id));
        if (unknown.length) {
          context.err(`No assessment, partnership or agreement with the id ${unknown.join(', ')} in ${input}.`);
          return 1;
        }
        if (agreements.length && ids.length > 1) {
          context.err('An agreement travels in a file of its own: export it alone.');
          return 1;
        }
        let bytes: Uint8Array;
        let what: string;
        if (agreements.length) {
          bytes = await core.agreements.exchangeFile(agreements[0]!);
          what = 'the agreement with the signatures it carries';
        } else {
          const status = core.identity.keyStatus();
          if (!status.hasKey) {
            context.err(`${input} has no signing key yet: open it in TrustBridge once to create one.`);
            return 1;
          }
          if (!status.unlocked) {
            if (status.method === 'os-keychain') {
              context.err('This signing key is kept in the system keychain, which only the TrustBridge app can open. Export from the app.');
              return 1;
            }
            const passphrase = process.env['TRUSTBRIDGE_PASSPHRASE'];
            if (!passphrase) {
              context.err('Set TRUSTBRIDGE_PASSPHRASE to the signing key’s passphrase (it is never taken from the command line, where others could read it).');
              return 1;
            }
            try {
              await core.identity.unlock(passphrase);
            } catch (error) {
              context.err(isAppError(error) ? error.message : 'The passphrase does not unlock the signing key.');
              return 1;
            }
          }
          bytes = await core.exchange.exportItems({ assessmentIds, partnershipIds });
          what = `signed with the key ${core.identity.keyStatus().verificationCode}`;
        }
        await writeFileDurably(outPath, bytes);
        context.out(`Wrote ${outPath} (${Math.max(1, Math.round(bytes.byteLength / 1024))} KB): ${what}.`);
        return 0;
      },
      'export',
    );
  },
};
