/**
 * The user's number and date formats (renderer/lib/format.ts): what each formatter writes in the
 * regional format React Aria's locale names, and that a screen gets one object per locale (its
 * formatters are built once, not on every render).
 */
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { describe, expect, it } from 'vitest';
import { useFormat } from '../../renderer/lib/format';

const inLocale = (locale: string) => ({ children }: { children: ReactNode }) => <I18nProvider locale={locale}>{children}</I18nProvider>;

describe('useFormat', () => {
  it('writes scores, days, dates and sizes in the regional format', () => {
    const en = renderHook(() => useFormat(), { wrapper: inLocale('en-GB') }).result.current;
    const de = renderHook(() => useFormat(), { wrapper: inLocale('de-DE') }).result.current;
    expect(en.score(72.46)).toBe('72.5 %');
    expect(de.score(72.46)).toBe('72,5 %');
    expect(en.score(null)).toBe('—');
    // A calendar day is that day wherever the machine is, never the day before.
    expect(en.day('2026-10-01')).toBe('1 Oct 2026');
    expect(de.day('2026-10-01')).toBe('01.10.2026');
    expect(en.day('not a day')).toBe('not a day');
    expect(en.bytes(512)).toBe('512 B');
    expect(en.bytes(1536)).toBe('1.5 KB');
    expect(de.bytes(3 * 1024 * 1024)).toBe('3 MB');
    expect(de.dateTime('2026-10-01T12:00:00.000Z')).toMatch(/^01\.10\.2026, \d\d:\d\d$/);
  });

  it('gives the same formats for the same locale, and new ones when the locale changes', () => {
    const { result, rerender } = renderHook(() => useFormat(), { wrapper: inLocale('en-GB') });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    const spanish = renderHook(() => useFormat(), { wrapper: inLocale('es-ES') }).result.current;
    expect(spanish).not.toBe(first);
    expect(spanish.locale).toBe('es-ES');
    expect(spanish.number(1234.5)).toBe('1234,5');
  });
});
