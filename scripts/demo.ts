/**
 * The real app (built renderer + real services) in a visible Chromium window over the demo data,
 * for machines without Electron's binary — a headed run, under Xvfb on a build machine:
 *   xvfb-run npm run demo                  walks through the main screens, then exits
 *   npm run demo -- --stay                 leaves the window open until it is closed
 *   npm run demo -- --data-dir <folder>    uses that folder (the demo is written when it is empty)
 * The renderer is built first when it is missing. Dialogs (save, open) are not available here:
 * the real app's native dialogs need Electron.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { writeDemo } from '../electron/demo/demo-exchange';
import { launchApp } from '../test/e2e/harness';
import { templatesDir } from '../test/support/paths';
import { tempFolder } from '../test/support/temp';

const args = process.argv.slice(2);
const stay = args.includes('--stay');
const dirIndex = args.indexOf('--data-dir');
const givenDir = dirIndex >= 0 ? args[dirIndex + 1] : undefined;
if (dirIndex >= 0 && !givenDir) {
  console.error('--data-dir needs a folder: npm run demo -- --data-dir <folder>');
  process.exit(2);
}

if (!existsSync(join(process.cwd(), 'dist/renderer/index.html'))) {
  console.log('Building the renderer first (npm run build:renderer)…');
  execFileSync('npm', ['run', 'build:renderer'], { stdio: 'inherit' });
}

const temp = givenDir ? undefined : await tempFolder('trustbridge-demo-');
const root = givenDir ? resolve(givenDir) : temp!.path;
const dataDir = join(root, 'data');
const isEmpty = !existsSync(dataDir) || (await readdir(dataDir)).length === 0;
let partnership: string | undefined;
let audit: string | undefined;
let agreement: string | undefined;
if (isEmpty) {
  const { demo, exchange } = await writeDemo({ dataDir, outDir: join(root, 'files'), templatesDir });
  partnership = demo.partnership;
  audit = demo.assessments.auditOfB;
  agreement = exchange.agreementId;
  console.log(`Demo data written to ${dataDir}; the files exchanged are in ${join(root, 'files')}.`);
  console.log('The demo keys use the passphrase "demo passphrase, not for real use".');
} else {
  console.log(`Opening the data in ${dataDir}.`);
}

const app = await launchApp({ dataDir, headless: false, viewport: { width: 1280, height: 800 } });
try {
  const walk: Array<[string, string | undefined]> = [
    ['Home', '#/'],
    ['The partnership', partnership && `#/partnerships/${partnership}`],
    ['The audit of the partner', audit && `#/assessments/${audit}`],
    ['The agreement', agreement && `#/agreements/${agreement}`],
    ['The consortium', '#/consortium'],
    ['The guide', '#/guide'],
  ];
  for (const [name, hash] of walk) {
    if (!hash) continue;
    await app.page.goto(`${app.baseUrl}/index.html${hash}`);
    await app.page.getByRole('heading', { level: 1 }).first().waitFor();
    console.log(`${name}: ${(await app.page.getByRole('heading', { level: 1 }).first().textContent()) ?? ''}`);
    if (!stay) await app.page.waitForTimeout(1500);
  }
  if (stay) {
    await app.page.goto(`${app.baseUrl}/index.html#/`);
    console.log('The app is open. Close its window to stop.');
    await app.page.waitForEvent('close', { timeout: 0 });
  }
  if (app.externalRequests.length > 0) throw new Error(`The app made requests outside its origin: ${app.externalRequests.join(', ')}`);
  if (app.pageErrors.length > 0) throw new Error(`The page reported errors: ${app.pageErrors.join('\n')}`);
} finally {
  await app.close();
  await temp?.remove();
}
