/**
 * `trustbridge framework validate <file>` and `trustbridge framework stats <file>`: check a
 * framework file (a consortium's version of the guide) without the app.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { coverageOf } from '../../shared/framework/coverage';
import { frameworkFingerprint } from '../../shared/framework/fingerprint';
import { criteriaOf, type Framework } from '../../shared/framework/schema';
import { describeIssues } from '../../shared/ipc/zod-issues';
import { maxFrameworkFileBytes, parseFrameworkText } from '../services/frameworks';
import type { Command, CommandContext } from './options';
import { statIfExists } from '../platform/files';

async function load(file: string | undefined, context: CommandContext): Promise<Framework | number> {
  if (!file) {
    context.err('Name the framework file: trustbridge framework validate <file>');
    return 2;
  }
  const path = resolve(context.cwd, file);
  // Missing is answered below as "no such file"; any other failure is thrown in its own words.
  const info = await statIfExists(path);
  if (!info?.isFile()) {
    context.err(`${file}: no such file`);
    return 1;
  }
  if (info.size > maxFrameworkFileBytes) {
    context.err(`${file}: too large to be a framework file (${info.size} bytes; at most ${maxFrameworkFileBytes})`);
    return 1;
  }
  const parsed = parseFrameworkText(await readFile(path, 'utf8'));
  if (!parsed.ok) {
    context.err(`${file}: ${parsed.error.message}`);
    for (const line of describeIssues(parsed.error.issues ?? [])) context.err(`  ${line}`);
    return 1;
  }
  return parsed.framework;
}

export const frameworkCommand: Command = {
  name: 'framework',
  synopsis: 'framework validate|stats <file>',
  summary: 'Check a framework file; print its identity and size as JSON',
  async run(args, context) {
    const [action, file] = args;
    if (action !== 'validate' && action !== 'stats') {
      context.err('Usage: trustbridge framework validate <file> | trustbridge framework stats <file>');
      return 2;
    }
    const framework = await load(file, context);
    if (typeof framework === 'number') return framework;
    const criteria = criteriaOf(framework);
    if (action === 'validate') {
      context.out(`${file}: valid — ${framework.id} ${framework.version} (${framework.language}), ${framework.dimensions.length} dimensions, ${criteria.length} criteria`);
      return 0;
    }
    context.out(
      JSON.stringify({
        id: framework.id,
        version: framework.version,
        language: framework.language,
        dimensions: framework.dimensions.length,
        criteria: criteria.length,
        critical: criteria.filter((criterion) => criterion.critical).length,
        fingerprint: frameworkFingerprint(framework),
        profiles: framework.profiles?.length ?? 0,
        coverage: coverageOf(framework),
      }),
    );
    return 0;
  },
};
