/**
 * The demo (electron/demo/demo-exchange.ts, `writeDemo`: two institutions with signing keys, their
 * assessments, a partnership, an agreement and the exchange files) written once per Vitest run and
 * copied into each test's own folders. Writing it costs several seconds of CPU and many fsyncs;
 * copying it, a few milliseconds. The first test file that asks writes it into a folder of the
 * run (vitest.config.ts names the run in TRUSTBRIDGE_TEST_RUN; shared-demo-setup.ts removes the
 * folder at the end), the others wait for it. Each test gets its own copy, which it may change;
 * the paths in the result point into that copy. Outside a Vitest run the demo is written directly.
 */
import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDemo } from '../../electron/demo/demo-exchange';
import { templatesDir } from './paths';
import { sharedDemoRoot } from './shared-demo-setup';

type Demo = Awaited<ReturnType<typeof writeDemo>>;
interface Written {
  dataDir: string;
  outDir: string;
  result: Demo;
}

let written: Promise<Written> | undefined;

/** The demo as `writeDemo` writes it into `dataDir` and `outDir` (which must not exist yet). */
export async function copyOfDemo(options: { dataDir: string; outDir: string }): Promise<Demo> {
  const root = sharedDemoRoot();
  if (!root) return writeDemo({ ...options, templatesDir });
  written ??= sharedDemo(root);
  const source = await written;
  await cp(source.dataDir, options.dataDir, { recursive: true });
  await cp(source.outDir, options.outDir, { recursive: true });
  const moved = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value.startsWith(source.dataDir)) return options.dataDir + value.slice(source.dataDir.length);
      if (value.startsWith(source.outDir)) return options.outDir + value.slice(source.outDir.length);
      return value;
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, moved(inner)]));
    return value;
  };
  return moved(source.result) as Demo;
}

async function sharedDemo(root: string): Promise<Written> {
  const done = join(root, 'demo.json');
  const failed = join(root, 'failed.txt');
  await mkdir(root, { recursive: true });
  const writer = await mkdir(join(root, 'writing')).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  if (writer) {
    const dataDir = join(root, 'data');
    const outDir = join(root, 'exchange');
    try {
      const result = await writeDemo({ dataDir, outDir, templatesDir });
      const entry: Written = { dataDir, outDir, result };
      await writeFile(`${done}.tmp`, JSON.stringify(entry), 'utf8');
      await rename(`${done}.tmp`, done);
      return entry;
    } catch (error) {
      await writeFile(failed, String(error instanceof Error ? (error.stack ?? error.message) : error), 'utf8');
      throw error;
    }
  }
  // Another test file is writing it: wait for its result (or its failure).
  const deadline = Date.now() + 240_000;
  for (;;) {
    const entry = await readFile(done, 'utf8').catch(() => undefined);
    if (entry) return JSON.parse(entry) as Written;
    const failure = await readFile(failed, 'utf8').catch(() => undefined);
    if (failure) throw new Error(`The shared demo could not be written (in another test file):\n${failure}`);
    if (Date.now() > deadline) throw new Error(`The shared demo in ${root} was not written within 4 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
