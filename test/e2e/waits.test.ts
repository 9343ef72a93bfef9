/**
 * The harness's quicker waits (waits.ts) keep Playwright's meaning: they wait for what comes
 * later, in each state, refuse a locator that finds two elements, and a wait that runs out says
 * so with the caller's time limit. On a plain page in the shared Chromium.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser } from './harness';
import { waitOnChanges } from './waits';

describe('the harness’s waits', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await (await sharedBrowser()).newContext();
    page = await context.newPage();
    waitOnChanges(page.locator('body'));
    await page.setContent('<main><p id="first">Here from the start</p></main>');
  });

  afterAll(async () => {
    await context?.close();
  });

  /** Runs `change` in the page after `ms`, as a screen that draws late. */
  const later = (ms: number, change: string) => page.evaluate(([ms, change]) => void setTimeout(() => new Function(change)(), ms), [ms, change] as const);

  it('waits for an element added, shown, hidden and removed later', async () => {
    await later(150, "document.querySelector('main').insertAdjacentHTML('beforeend', '<p id=\"late\" hidden>Drawn late</p>')");
    await page.locator('#late').waitFor({ state: 'attached' });
    expect(await page.locator('#late').isVisible()).toBe(false);
    // Shown by a change of attribute, not of the tree.
    await later(150, "document.querySelector('#late').hidden = false");
    await page.getByText('Drawn late').waitFor();
    await later(150, "document.querySelector('#late').style.display = 'none'");
    await page.getByText('Drawn late').waitFor({ state: 'hidden' });
    await later(150, "document.querySelector('#late').remove()");
    await page.locator('#late').waitFor({ state: 'detached' });
    expect(await page.locator('#late').count()).toBe(0);
  });

  it('refuses a locator that finds two elements, as Playwright does', async () => {
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p class="twice">One</p><p class="twice">Two</p>'));
    await expect(page.locator('.twice').waitFor({ timeout: 2000 })).rejects.toThrow(/strict mode violation/);
  });

  it('runs out at the caller’s limit and says so with it', async () => {
    await expect(page.getByText('Never drawn').waitFor({ timeout: 400 })).rejects.toThrow(/Timeout 400ms exceeded/);
  });
});
