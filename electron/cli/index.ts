/**
 * `trustbridge` — the command line: the same services as the app, without a window.
 *   npm run cli -- <command> …      (from a checkout, through tsx)
 *   trustbridge <command> …         (the bundled binary, dist/cli/trustbridge.cjs)
 */
import { runCli } from './run';

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  cwd: process.cwd(),
  now: () => new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`trustbridge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
