import { version } from '../../package.json';
import { consortiumCommand } from './consortium-commands';
import { exchangeCommands } from './exchange-commands';
import { exportCommand } from './export-command';
import { frameworkCommand } from './framework-commands';
import { demoCommand, reportCommand } from './report-commands';
import { rosterCommand } from './roster-commands';
import type { Command } from './options';
import { scoreCommand } from './score-command';
import { ratersCommand } from './raters-command';

export const commands: Command[] = [
  frameworkCommand,
  scoreCommand,
  reportCommand,
  demoCommand,
  ...exchangeCommands,
  consortiumCommand,
  rosterCommand,
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
