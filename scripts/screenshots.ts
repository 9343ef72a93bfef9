/**
 * Drives the real app (built renderer + real services over the demo data) in Chromium and saves
 * the screenshots the README shows, into docs/images/. Run `npm run build:renderer` first.
 *   npm run screenshots
 * The trust matrix of a thirty-member consortium is taken by the consortium end-to-end test
 * (test-results/screenshots/consortium-matrix.png) and copied here when present.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDemo } from '../electron/demo/demo-exchange';
import { launchApp, launchBrowser } from '../test/e2e/harness';
import { templatesDir } from '../test/support/paths';
import { tempFolder } from '../test/support/temp';

const out = join(process.cwd(), 'docs/images');
await mkdir(out, { recursive: true });
const data = await tempFolder('trustbridge-screenshots-');
const dataDir = join(data.path, 'demo');
const { demo, exchange } = await writeDemo({ dataDir, outDir: join(data.path, 'files'), templatesDir });
const browser = await launchBrowser();
const app = await launchApp({ dataDir, browser, viewport: { width: 1280, height: 800 } });
try {
  const shots: Array<[string, string, RegExp]> = [
    ['home', '#/', /Welcome back/],
    ['partnership-readiness', `#/partnerships/${demo.partnership}`, /digital health/],
    ['audit', `#/assessments/${demo.assessments.auditOfB}?criterion=DAT-01`, /Audit of Tampere/],
    ['agreement', `#/agreements/${exchange.agreementId}`, /Agreement on micro-credentials/],
  ];
  for (const [name, hash, heading] of shots) {
    await app.page.goto(`${app.baseUrl}/index.html${hash}`);
    await app.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await app.page.waitForTimeout(300);
    await app.page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`docs/images/${name}.png`);
  }
} finally {
  await app.close();
  await browser.close();
  await data.remove();
}
const matrix = join(process.cwd(), 'test-results/screenshots/consortium-matrix.png');
if (await stat(matrix).catch(() => undefined)) {
  await copyFile(matrix, join(out, 'consortium-matrix.png'));
  console.log('docs/images/consortium-matrix.png');
}
