import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/paths';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
/** Where a failed test's screenshots go (test/e2e/on-failure.ts). */
export const failureDir = join(repoRoot, 'test-results', 'failures');

/** Whether this run saves the screenshots taken for people to look at (`E2E_SCREENSHOTS=1`). */
export const screenshotsWanted = Boolean(process.env['E2E_SCREENSHOTS'] && process.env['E2E_SCREENSHOTS'] !== '0');

/**
 * Saves a screenshot for people to look at (test-results/screenshots/<name>.png), full page unless
 * told otherwise. No test reads these pictures, and encoding one costs Chromium about as much as
 * a dozen key presses, so a run takes them only when `E2E_SCREENSHOTS=1` is set
 * (`npm run test:e2e:screenshots`). `always` is for the few a run needs whatever the setting: a
 * picture a failure message points to, or one a script copies into docs/images (the consortium
 * matrix, scripts/screenshots.ts). Returns the file's path, or undefined when none was taken.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; always?: boolean; dir?: string } = {}): Promise<string | undefined> {
  if (!screenshotsWanted && !options.always) return undefined;
  const dir = options.dir ?? screenshotDir;
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
