import { createContext, useContext } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';

export interface AppContextValue {
  info: AppInfo;
  settings: Settings;
  /**
   * The officer has been here before: the first-run setup was already finished when this launch
   * read the settings. On the launch that ran the setup it is false, and Home greets a newcomer
   * ("Welcome", what to do first) rather than a returning officer ("Welcome back").
   */
  returning: boolean;
  /** Saves a settings change and applies it (language, theme) at once. */
  updateSettings(patch: Partial<Settings>): Promise<boolean>;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
