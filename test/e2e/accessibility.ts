import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The axe rule tags the check runs: WCAG 2.0 and 2.1, A and AA, and axe's best practices. */
export const accessibilityTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

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
 *
 * Two things axe would compute and nobody reads are left out; the findings are the same:
 * - the rules whose impact is minor or moderate. axe gives every node a rule finds the rule's own
 *   impact (`finalizeRuleResult` copies it onto each check), so such a rule can never report a
 *   serious or critical finding; `region` and the landmark rules, which walk the whole page, are
 *   among them. A rule without an impact still runs. accessibility.test.ts proves that serious
 *   findings are still found.
 * - the HTML source of every node checked (`noHtml`); a finding is reported by its selector.
 * On the inbox and trust matrix of a consortium of thirty this took about a third off axe's work
 * (7.1 to 4.9 s in the page, measured with Chromium's profiler); on a smaller screen a few per cent.
 */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  // Let transitions settle, so contrast is judged on final colours.
  await page.waitForTimeout(50);
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function'))) {
    await page.evaluate(axe.source);
    await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.configure({ noHtml: true }));
  }
  // Only violations are read: axe then reports one node for the other result types, not all.
  const violations = await page.evaluate(
    ({ runOnly, weaker }) => {
      const engine = (window as unknown as { axe: typeof axe & { _audit?: { rules?: Array<{ id: string; impact?: string }> } } }).axe;
      // The rule list with impacts is axe's own (`_audit`, not in its typings); were it ever
      // missing, every rule would run, as before.
      const off = (engine._audit?.rules ?? []).filter((rule) => weaker.includes(rule.impact ?? '')).map((rule) => [rule.id, { enabled: false }]);
      return engine
        .run(document, { runOnly: { type: 'tag', values: runOnly }, rules: Object.fromEntries(off), resultTypes: ['violations'] })
        .then((results) => results.violations.map((violation) => ({ ...violation, nodes: violation.nodes.map((node) => ({ target: node.target.map(String) })) })));
    },
    { runOnly: accessibilityTags, weaker: ['minor', 'moderate'] },
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
