/** Runs one command line: the parsing and dispatch, testable without a process. */
import { commands } from './commands';
import type { CommandContext } from './options';
import { isAppError } from '../../shared/errors';

export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    context.out(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    context.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    // A coded error (a file that cannot be read, a damaged document) already says what is wrong
    // in one line; anything else is a fault, left to index.ts with its message.
    if (!isAppError(error)) throw error;
    context.err(`trustbridge: ${error.message}`);
    return 1;
  }
}

function usage(): string {
  return [
    'Usage: trustbridge <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.synopsis.padEnd(58)} ${command.summary}`),
  ].join('\n');
}

