import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Runs axe-core on the page as it is now (WCAG 2.1 A and AA rules) and returns the serious and
 * critical findings, in a form that reads well in a failed assertion.
 *
 * axe-core is put into the page once per loaded document (through Playwright's evaluate, which
 * the page's content security policy does not govern) and `axe.run` is called on the whole
 * document, as `@axe-core/playwright` does in its same-origin mode; the app has no frames. Doing
 * it here rather than through `AxeBuilder` saves, on every call, two evaluations of axe's half
 * megabyte of source and the blank page its default mode opens to merge frame results: together
 * several times the cost of the checks themselves.
 */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  // Let transitions settle, so contrast is judged on final colours.
  await page.waitForTimeout(50);
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.evaluate(axe.source);
  // Only violations are read: axe then reports one node for the other result types, not all.
  const violations = await page.evaluate(
    (runOnly) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] })
        .then((results) => results.violations.map((violation) => ({ ...violation, nodes: violation.nodes.map((node) => ({ target: node.target.map(String) })) }))),
    tags,
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
}
