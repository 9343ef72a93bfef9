import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Names this run for the files its test files share (test/support/shared-demo.ts).
process.env['TRUSTBRIDGE_TEST_RUN'] ??= `${process.pid}-${Date.now()}`;

/**
 * Every test worker runs Node with a larger young generation (64 MB semi-spaces against Node 20's
 * 16 MB): the tests allocate many short-lived objects (Word and Excel files built and read back,
 * JSON documents parsed and checked, the e2e harness's messages), and with more room fewer of
 * them survive a scavenge only to be copied and later collected again. Measured alone, one after
 * the other on this 2-core machine: unit and component took 239 against 258 CPU-s, and two
 * reliability files (damaged-demo, signed-hostile) 73 against 80-84. Nothing the tests check
 * depends on it; the app itself runs with Electron's own settings. Each project names it: an
 * inline project does not inherit the root's options.
 */
const execArgv = ['--max-semi-space-size=64'];

/**
 * Five projects, one command (`npm test` runs them all):
 * - unit: shared/ and electron/ services under plain Node, on real files in temp folders;
 * - reliability: crashes (SIGKILL), damaged stores, full and read-only disks, hostile files, migrations;
 * - component: renderer components in jsdom with Testing Library;
 * - package: a Linux package built with a stand-in Electron, and its layout (`npm run check:package`);
 * - e2e: the built renderer in Debian's Chromium through playwright-core, talking to the real
 *   IPC router over a temp data folder (see test/e2e/harness.ts).
 */
export default defineConfig({
  test: {
    // One worker per core, at least two (Vitest's default is one fewer than the cores: on a 2-core
    // machine every file would run one after the other). When the tests' temp folders were on the
    // disk, files waited on fsyncs and a third worker kept the processors busy (505 s against
    // 540 s). With them in memory (`npm test`, scripts/checks.ts) files no longer wait on the disk,
    // and a third worker only made every process slower: `npm test` took 552 s and 1,005 CPU-s
    // with two workers, 614 s and 1,184 CPU-s with three, measured one after the other. Test files
    // share nothing (temp folders, random ports, a LibreOffice profile per process:
    // test/support/libreoffice.ts).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          name: 'unit',
          execArgv,
          environment: 'node',
          // One module graph per worker, as for e2e below: importing the services again for each of
          // a hundred files cost about a third of this project's time. Files share no state: each
          // works in its own temp folders, and the one file that mocks a module (main-process, which
          // mocks 'electron') is the only one importing it.
          isolate: false,
          setupFiles: ['test/support/byte-equality.ts'],
          globalSetup: ['test/support/shared-demo-setup.ts'],
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'package',
          execArgv,
          environment: 'node',
          setupFiles: ['test/support/byte-equality.ts'],
          include: ['test/package/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        // Crash, damaged-store, full-disk, hostile-input and migration tests on real files and processes.
        test: {
          name: 'reliability',
          execArgv,
          environment: 'node',
          isolate: false,
          setupFiles: ['test/support/byte-equality.ts'],
          globalSetup: ['test/support/shared-demo-setup.ts'],
          include: ['test/reliability/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The components as written, without the React Compiler the build applies (vite.config.ts):
        // compiling them again in each worker cost about 20 CPU-s, and what ships, compiled, is
        // what the e2e tests drive. Lint keeps the code to the compiler's rules, so both behave alike.
        plugins: [react()],
        test: {
          name: 'component',
          execArgv,
          environment: 'jsdom',
          // The renderer's modules are loaded once per worker; the DOM is emptied after each test
          // and the one app-wide queue (toasts) cleared (test/component/setup.ts).
          isolate: false,
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
          globalSetup: ['test/support/shared-demo-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          execArgv,
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/e2e/on-failure.ts'],
          globalSetup: ['test/e2e/global-setup.ts', 'test/support/shared-demo-setup.ts'],
          // A worker runs its e2e files one after the other in one module graph: the services, the
          // harness and the bundled bridge are loaded once per worker rather than once per file
          // (about 3 s of CPU a file). Each file still opens its own Chromium, data folders, core
          // and server; the modules it shares keep no state between tests.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
