import type { Settings } from '../../shared/settings';

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');
let followSystem: (() => void) | undefined;

/**
 * Applies the chosen theme as `data-theme` on <html>. "system" follows the OS preference and keeps
 * following it when the user switches the OS between light and dark.
 */
export function applyTheme(theme: Settings['theme']): void {
  const query = darkQuery();
  if (followSystem) {
    query?.removeEventListener('change', followSystem);
    followSystem = undefined;
  }
  const set = (dark: boolean) => document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
  if (theme === 'system') {
    followSystem = () => set(Boolean(query?.matches));
    query?.addEventListener('change', followSystem);
    followSystem();
  } else {
    set(theme === 'dark');
  }
}
