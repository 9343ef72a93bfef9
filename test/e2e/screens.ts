/**
 * Going from screen to screen inside the loaded app, as its links do, for tests that look at many
 * screens (layout, untranslated text): no page load per screen, and a wait that knows the new
 * screen is there with its data, never the last one still showing or a list still loading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Language } from '../../shared/framework/schema';
import { repoRoot } from '../support/paths';

/** What a screen shows while its data is on its way, in each language. */
export function loadingText(language: Language): string {
  return (JSON.parse(readFileSync(join(repoRoot, `shared/i18n/locales/${language}.json`), 'utf8')) as { common: { loading: string } }).common.loading;
}

/** Waits until no part of the screen says it is loading. */
export async function untilLoaded(page: Page, language: Language): Promise<void> {
  const loading = page.getByText(loadingText(language), { exact: true });
  await expect.poll(() => loading.count(), { timeout: 20_000 }).toBe(0);
}

/**
 * Shows the screen at `route` (a path of the app's hash router, `/assessments/…?tab=…`) and waits
 * until it has its heading and its data. The headings of the screen shown before are marked first,
 * so the wait is for a heading the new screen drew: two routes in a row must be screens of
 * different kinds (one kind with other data may keep its heading).
 */
export async function showScreen(page: Page, route: string, language: Language): Promise<void> {
  const moved = await page.evaluate((next) => {
    // The app opens at its home screen, with no address after the # yet.
    if ((window.location.hash || '#/') === `#${next}`) return false;
    for (const heading of document.querySelectorAll('h1')) heading.dataset['left'] = '';
    window.location.hash = next;
    return true;
  }, route);
  await page.locator(moved ? 'h1:not([data-left])' : 'h1').first().waitFor();
  await untilLoaded(page, language);
}
