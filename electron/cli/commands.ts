import { version } from '../../package.json';
import { consortiumCommand } from './consortium-commands';
import { exchangeCommands } from './exchange-commands';
import { exportCommand } from './export-command';
import { frameworkCommand } from './framework-commands';
import { demoCommand, reportCommand } from './report-commands';
import { scoreCommand } from './score-command';
import { ratersCommand } from './raters-command';

export interface CommandContext {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

export interface Command {
  name: string;
  synopsis: string;
  summary: string;
  /** Returns the exit code. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

export const commands: Command[] = [
  frameworkCommand,
  scoreCommand,
  reportCommand,
  demoCommand,
  ...exchangeCommands,
  consortiumCommand,
  exportCommand,
  ratersCommand,
  {
    name: 'version',
    synopsis: 'version',
    summary: 'Print the version',
    run: async (_args, context) => {
      context.out(version);
      return 0;
    },
  },
];
