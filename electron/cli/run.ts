/** Runs one command line: the parsing and dispatch, testable without a process. */
import { commands } from './commands';
import type { CommandContext } from './options';

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
  return command.run(rest, context);
}

function usage(): string {
  return [
    'Usage: trustbridge <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.synopsis.padEnd(58)} ${command.summary}`),
  ].join('\n');
}

