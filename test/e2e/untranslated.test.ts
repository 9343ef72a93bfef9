/**
 * No English left in the Spanish and German interface: on every main screen, the interface's own
 * texts (headings, table headers, labels, buttons, tabs, badges, options, empty states) contain
 * no English word. The keys test (test/unit/shared/i18n.test.ts) catches a key left untranslated;
 * this one catches text that does not come from a key — a hard-coded string, or a name from the
 * data shown in one language only (the guide's title in the framework selector).
 * The data folder is set up in the language under test, so the user's own data is not English.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp';
import { launchApp, sharedBrowser } from './harness';
import { showScreen } from './screens';
import { sampleProfile, seedSetUp } from './seed';

/** Words that are English only (not Spanish or German words too), as whole words. */
const englishWords = /\b(the|and|with|your|you|new|add|save|cancel|draft|completed|assessments?|partnerships?|guide|erased|none|select|choose|open|back|next|edit|remove|settings|trustworthy)\b/i;

/** The interface's own texts on a screen (user data such as titles in table rows is left out). */
const chrome = 'h1, h2, h3, thead th, label, button, [role="tab"], .badge, option, .empty-state, legend, .field__description, .page-header__intro';

/** Never two screens of one kind in a row (showScreen waits for a heading the new screen drew). */
const routes = ['/', '/assessments/new', '/assessments', '/assessments/new?kind=audit', '/partnerships', '/partners/new', '/partnerships?tab=partners', '/agreements', '/consortium', '/inbox', '/exchange/import', '/exchange/keys', '/guide', '/settings', '/settings/institution'];

describe('no English left in the interface', () => {
  let browser: Browser;
  const folders: Array<Awaited<ReturnType<typeof tempFolder>>> = [];

  beforeAll(async () => {
    browser = await sharedBrowser();
  });

  afterAll(async () => {
    for (const folder of folders) await folder.remove();
  });

  for (const language of ['es', 'de'] as const) {
    it(`in ${language === 'es' ? 'Spanish' : 'German'}, on every main screen`, async () => {
      const data = await tempFolder();
      folders.push(data);
      await seedSetUp(data.path, {
        language,
        own: sampleProfile({ legalName: language === 'es' ? 'Universidad de Ejemplo' : 'Beispiel-Universität', country: language === 'es' ? 'ES' : 'DE', city: language === 'es' ? 'Valencia' : 'Bonn' }),
      });
      const app = await launchApp({ dataDir: data.path, browser, locale: language === 'es' ? 'es-ES' : 'de-DE' });
      try {
        const found: string[] = [];
        for (const route of routes) {
          // The screen with its lists loaded (they come after the heading).
          await showScreen(app.page, route, language);
          const texts = await app.page.locator(chrome).evaluateAll((elements) => elements.map((element) => (element as HTMLElement).innerText || element.textContent || ''));
          for (const text of texts) {
            const match = englishWords.exec(text);
            if (match) found.push(`${route}: "${text.trim().slice(0, 120)}" (${match[0]})`);
          }
        }
        expect(found).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }
});
