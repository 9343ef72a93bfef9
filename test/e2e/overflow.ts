/** Whether a screen fits its window: a page that scrolls sideways hides part of itself. */
import type { Page } from 'playwright-core';

/** Empty when the page fits its window's width; otherwise what sticks out past the right edge. */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const out: string[] = [`page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`];
    // An element inside a box that scrolls or clips sideways cannot widen the page: skip it, so
    // the report names what does.
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const element of document.querySelectorAll('body *')) {
      if (clipped(element)) continue;
      const box = element.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 && out.length < 5) out.push(`${element.tagName.toLowerCase()}.${String(element.className)} ends at ${Math.round(box.right)}`);
    }
    return out;
  });
}

/**
 * Words broken inside themselves across two lines ("Statu s", "Borrad or") in table cells, badges
 * and headings: empty when every word there sits on one line. Long unbroken tokens (fingerprints,
 * URLs, file names over 24 characters) may wrap and are not counted.
 */
export async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const targets = document.querySelectorAll('th, td, .badge, .band, h1, h2, h3, .tabs__tab, .verdict__open');
    for (const element of targets) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
          const word = match[0];
          if (word.length < 3 || word.length > 24) continue;
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + word.length);
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1 && found.length < 8) found.push(`“${word}” in ${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`);
        }
      }
    }
    return found;
  });
}
