import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Holds a table that may be wider than the page. Cells never break inside a word, so in a narrow
 * window or a language with long words a table can need more room than it has: it then scrolls
 * sideways in its own box, and only then becomes a focusable, named region so a keyboard user
 * can scroll it with the arrow keys.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    // The observer reports once when it starts, then on every change of either size.
    const observer = new ResizeObserver(() => setScrolls(box.scrollWidth > box.clientWidth + 1));
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return scrolls ? (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that scrolls must be reachable by keyboard
    <div ref={ref} className="table-scroll" tabIndex={0} role="region" aria-label={t('common.wideTable')}>
      {children}
    </div>
  ) : (
    <div ref={ref} className="table-scroll">
      {children}
    </div>
  );
}
