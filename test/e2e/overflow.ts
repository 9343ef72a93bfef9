/** Whether a screen fits its window: a page that scrolls sideways hides part of itself. */
import type { Page } from 'playwright-core';

/** Empty when the page fits its window's width; otherwise what sticks out past the right edge. */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const out: string[] = [`page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 && out.length < 5) out.push(`${element.tagName.toLowerCase()}.${String(element.className)} ends at ${Math.round(box.right)}`);
    }
    return out;
  });
}
