/**
 * The accessibility check the e2e tests rely on (accessibility.ts) finds what axe-core finds. It
 * leaves out the rules whose impact is minor or moderate and the nodes' HTML; on a page built to
 * fail many rules of every impact, its findings are exactly the serious and critical findings of
 * a plain `axe.run` with every rule of the same tags, and the weaker rules did find something
 * there, so leaving them out was not a page without any.
 */
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityTags, seriousAccessibilityFindings, type AxeFinding } from './accessibility';
import { sharedBrowser } from './harness';

/** Faults of every impact: critical (image without text, unnamed button), serious (contrast, a nameless link, no lang), moderate and minor. */
const faulty = `<!doctype html>
<html><head><title>Faults</title></head><body>
  <div>Outside every landmark</div>
  <h1>Title</h1><h4>Skipped levels</h4>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <button></button>
  <a href="#x"></a>
  <p style="color:#bbb;background:#fff">Pale text on white</p>
  <ul><div>Not a list item</div></ul>
  <input type="text">
  <div role="button">No focus</div>
  <table><tr><th></th><td>Empty header</td></tr></table>
  <main><h1>Second main heading</h1></main><main>Two mains</main>
</body></html>`;

/** Every finding of a plain axe run, each rule's nodes in the same form as accessibility.ts gives. */
async function plainFindings(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(
    (runOnly) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(document, { runOnly: { type: 'tag', values: runOnly } })
        .then((results) => results.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? '', help: violation.help, targets: violation.nodes.map((node) => node.target.map(String).join(' ')).slice(0, 5) }))),
    accessibilityTags,
  );
  return violations;
}

describe('the accessibility check of the e2e tests', () => {
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    browser = await sharedBrowser();
  });

  afterAll(async () => {
    for (const page of pages) await page.context().close();
  });

  async function pageWith(html: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    pages.push(page);
    await page.setContent(html);
    return page;
  }

  it('finds exactly the serious and critical findings of a plain axe run with every rule', async () => {
    const plain = await plainFindings(await pageWith(faulty));
    const found = await seriousAccessibilityFindings(await pageWith(faulty));
    const strong = plain.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
    expect(found).toEqual(strong);
    // The page has faults of every kind the check must find, and the weaker ones it leaves out.
    expect(found.map((finding) => finding.id)).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'link-name', 'color-contrast', 'html-has-lang', 'list', 'label']));
    expect(plain.filter((finding) => finding.impact === 'moderate' || finding.impact === 'minor').map((finding) => finding.id)).toEqual(
      expect.arrayContaining(['region', 'heading-order', 'empty-table-header', 'landmark-no-duplicate-main']),
    );
  });

  it('finds nothing on a page without faults, and checks again after the page changed', async () => {
    const page = await pageWith('<!doctype html><html lang="en"><head><title>Fine</title></head><body><main><h1>Fine</h1><p>Readable text.</p></main></body></html>');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('button')));
    expect((await seriousAccessibilityFindings(page)).map((finding) => finding.id)).toEqual(['button-name']);
  });
});
