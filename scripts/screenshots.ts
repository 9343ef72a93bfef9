/**
 * Drives the real app (built renderer + real services over a sample data folder) in Chromium and
 * saves the screenshots the README shows, into docs/images/. Run `npm run build:renderer` first.
 *   npm run screenshots
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchApp } from '../test/e2e/harness';
import { sampleProfile, seedSetUp } from '../test/e2e/seed';
import { tempFolder } from '../test/support/temp';

const out = join(process.cwd(), 'docs/images');
await mkdir(out, { recursive: true });
const data = await tempFolder('trustbridge-screenshots-');
await seedSetUp(data.path, {
  partners: [
    sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' }),
    sampleProfile({ legalName: 'Vytautas Test University', country: 'LT', city: 'Kaunas', erasmusCode: 'LT KAUNAS99' }),
  ],
});
const app = await launchApp({ dataDir: data.path, viewport: { width: 1280, height: 800 } });
try {
  const shots: Array<[string, string, string]> = [
    ['home', '#/', 'Welcome back'],
    ['partners', '#/partnerships?tab=partners', 'Partnerships'],
  ];
  for (const [name, hash, heading] of shots) {
    await app.page.goto(`${app.baseUrl}/index.html${hash}`);
    await app.page.getByRole('heading', { level: 1, name: new RegExp(heading) }).waitFor();
    await app.page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`docs/images/${name}.png`);
  }
} finally {
  await app.close();
  await data.remove();
}
