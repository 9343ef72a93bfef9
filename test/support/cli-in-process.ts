/**
 * The command line's code without a process: `runCli` with its output wired as
 * electron/cli/index.ts wires it (a newline added to text that lacks one; a fault printed as
 * "trustbridge: …" with exit code 1). For tables of cases about what a command computes, where a
 * `node` start per case would cost far more than the case; tests about the process itself (exit
 * code, stdout and stderr of a real run of the bundle) use built-cli.ts.
 */
import { runCli } from '../../electron/cli/run';
import type { CliRun } from './built-cli';
import { repoRoot } from './paths';

export async function runCliInProcess(args: readonly string[], cwd = repoRoot): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  let status: number;
  try {
    status = await runCli(args, { out: (text) => (stdout += line(text)), err: (text) => (stderr += line(text)), cwd, now: () => new Date() });
  } catch (error) {
    stderr += `trustbridge: ${error instanceof Error ? error.message : String(error)}\n`;
    status = 1;
  }
  return { status, stdout, stderr };
}
