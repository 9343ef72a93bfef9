import type { Settings } from '../../shared/settings';

/** Applies the chosen theme; "system" leaves it to the OS through `prefers-color-scheme`. */
export function applyTheme(theme: Settings['theme']): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
