/**
 * Waits that look again when the page changes, not on Playwright's schedule.
 *
 * `locator.waitFor()` checks at once, then again after 20, 50, 100 and 100 ms, and from then on
 * every 500 ms. A screen that takes 300 ms to load its data and draw was therefore seen only at
 * about 770 ms, and one that takes 800 ms at about 1,270: nearly half a second of every slower
 * wait went to sleep. Over the e2e project (744 waits), 201 waits lasted more than 300 ms, and the
 * two workers often slept at once while the processors had nothing to do.
 *
 * `waitOnChanges` makes every locator's `waitFor` look again as soon as the page's DOM changes
 * (a MutationObserver in the page, at most 100 ms apart, for a change no mutation shows, such as
 * a style), and then hands over to Playwright's own `waitFor`, which finds at once what is there:
 * the states, the strictness (one element), the error messages and the time limit stay exactly
 * Playwright's. Any error while looking (two elements for one locator, a page navigating) is left
 * to that same `waitFor` to report. Measured over the e2e project, one after the other with
 * process accounting (every process of the run): 241 s and 426 CPU-s against 265 s and 463 CPU-s.
 *
 * `SLOW_WAITS=1` keeps Playwright's schedule, for comparison.
 */
import type { Locator, Page } from 'playwright-core';

type WaitOptions = Parameters<Locator['waitFor']>[0];

/** Resolves at the page's next change of its DOM, or after `ms`, whichever comes first. */
function nextChange(page: Page, ms: number): Promise<void> {
  return page.evaluate(
    (ms) =>
      new Promise<void>((done) => {
        const finish = () => {
          observer.disconnect();
          clearTimeout(timer);
          done();
        };
        const observer = new MutationObserver(finish);
        const timer = setTimeout(finish, ms);
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
    ms,
  );
}

/** Whether the locator is in the state asked for now (no waiting). */
async function reached(locator: Locator, state: NonNullable<WaitOptions>['state']): Promise<boolean> {
  if (state === 'attached' || state === 'detached') return (await locator.count()) > 0 === (state === 'attached');
  return (await locator.isVisible()) === (state !== 'hidden');
}

let installed = false;

/**
 * Installs the quicker `waitFor` on Playwright's locators (once per process; `locator` is any
 * locator, for its prototype). Playwright's default time limit is 30 s; the tests never change it.
 * A wait without a limit (`timeout: 0`) is left to Playwright alone.
 */
export function waitOnChanges(locator: Locator): void {
  if (installed || process.env['SLOW_WAITS']) return;
  installed = true;
  const prototype = Object.getPrototypeOf(locator) as { waitFor: Locator['waitFor'] };
  const playwrights = prototype.waitFor;
  if (typeof playwrights !== 'function') throw new Error('playwright-core has no Locator.waitFor to wrap: see test/e2e/waits.ts');
  prototype.waitFor = async function (this: Locator, options?: WaitOptions) {
    if (options?.timeout === 0) return playwrights.call(this, options);
    const limit = options?.timeout ?? 30_000;
    const deadline = Date.now() + limit;
    try {
      while (!(await reached(this, options?.state ?? 'visible')) && Date.now() < deadline) await nextChange(this.page(), 100);
    } catch {
      // Playwright's own wait, below, reports it as it would have.
    }
    // The time limit is the caller's (or Playwright's 30 s) for the whole wait, not for each half,
    // and a wait that ran out says so with that limit.
    try {
      await playwrights.call(this, { ...options, timeout: Math.max(1, deadline - Date.now()) });
    } catch (error) {
      if (error instanceof Error) error.message = error.message.replace(/Timeout \d+ms exceeded/, `Timeout ${limit}ms exceeded`);
      throw error;
    }
  };
}
