/**
 * The app's root: loads settings and app info, sets up translations and theme, then shows either
 * the first-run setup or the main layout with its screens.
 */
import { errorText } from '../components/ErrorMessage';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nProvider, RouterProvider } from 'react-aria-components';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { HashRouter, Route, Routes, useHref, useNavigate } from 'react-router';
import type { AppErrorData } from '../../shared/errors';
import type { Language } from '../../shared/framework/schema';
import { languageForLocale } from '../../shared/i18n/language';
import type { AppInfo } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';
import { ErrorMessage } from '../components/ErrorMessage';
import { TaskProgress } from '../components/TaskProgress';
import { notify, ToastArea } from '../components/Toasts';
import { routes } from './routes';
import { api } from '../lib/api';
import { changeLanguage, createI18n } from '../lib/i18n';
import { applyTheme } from '../lib/theme';
import { AppContext, type AppContextValue } from './app-context';
import { Layout } from './Layout';

// Shown once per installation: loaded on demand, with the institution form, its country picker
// and the schema library it checks with, which Home does not need.
const FirstRunPage = lazy(() => import('../features/first-run/FirstRunPage').then((module) => ({ default: module.FirstRunPage })));

interface Loaded {
  info: AppInfo;
  settings: Settings;
  i18n: i18n;
  /** Whether the first-run setup was already finished when this launch started (app-context.ts). */
  returning: boolean;
}

export function App() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<AppErrorData>();

  useEffect(() => {
    void (async () => {
      const [info, settings] = await Promise.all([api().app.info(), api().settings.get()]);
      if (!info.ok) return setFailure(info.error);
      if (!settings.ok) return setFailure(settings.error);
      const language = settings.value.language ?? languageForLocale(info.value.systemLocale);
      const i18n = await createI18n(language);
      document.documentElement.lang = language;
      applyTheme(settings.value.theme);
      setLoaded({ info: info.value, settings: settings.value, i18n, returning: settings.value.setupCompleted });
    })();
  }, []);

  const applyLanguage = useCallback(
    async (language: Language | null) => {
      if (!loaded) return;
      const effective = language ?? languageForLocale(loaded.info.systemLocale);
      await changeLanguage(loaded.i18n, effective);
      document.documentElement.lang = effective;
    },
    [loaded],
  );

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      const result = await api().settings.update(patch);
      if (!result.ok) {
        // Not useAction: App renders the I18nextProvider that hook reads, so it takes t from its own instance.
        notify(loaded ? errorText(loaded.i18n.t.bind(loaded.i18n), result.error) : result.error.message, 'error');
        return false;
      }
      if ('language' in patch) await applyLanguage(result.value.language);
      if (patch.theme) applyTheme(result.value.theme);
      setLoaded((current) => (current ? { ...current, settings: result.value } : current));
      return true;
    },
    [applyLanguage, loaded],
  );

  const context = useMemo<AppContextValue | null>(
    () => (loaded ? { info: loaded.info, settings: loaded.settings, returning: loaded.returning, updateSettings } : null),
    [loaded, updateSettings],
  );

  if (failure) {
    return (
      <main className="startup-failure">
        <ErrorMessage error={failure} />
      </main>
    );
  }
  if (!loaded || !context) return <div className="startup" aria-busy="true" />;

  return (
    <I18nextProvider i18n={loaded.i18n}>
      <I18nProvider locale={formattingLocale(loaded.i18n.language, loaded.info.systemLocale)}>
        <AppContext.Provider value={context}>
          {/* Navigation commits at once rather than in a transition: the tab or criterion a key
              chose is on screen before the next key arrives. Rare screens load on first use
              (routes.tsx), shown in a Suspense boundary of their own. */}
          <HashRouter useTransitions={false}>
            <AriaRouting>
              {loaded.settings.setupCompleted ? (
                <Routes>
                  <Route element={<Layout />}>
                    {routes.map((route) => (
                      <Route key={route.path} path={route.path} element={route.element} />
                    ))}
                  </Route>
                </Routes>
              ) : (
                <Suspense fallback={<div className="startup" aria-busy="true" />}>
                  <FirstRunPage
                    settings={loaded.settings}
                    onLanguageChange={(language) => void updateSettings({ language })}
                    onFinished={(settings) => setLoaded({ ...loaded, settings })}
                  />
                </Suspense>
              )}
            </AriaRouting>
          </HashRouter>
          <TaskProgress />
          <ToastArea />
        </AppContext.Provider>
      </I18nProvider>
    </I18nextProvider>
  );
}

/**
 * Dates and numbers follow the system's regional format when it is in the interface language
 * (en-GB writes 01/10/2026 for 1 October), else the interface language's own.
 */
function formattingLocale(language: string, systemLocale: string): string {
  return systemLocale.toLowerCase().split(/[-_]/)[0] === language ? systemLocale.replace('_', '-') : language;
}

/** Lets React Aria links navigate with the app's router. */
function AriaRouting({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <RouterProvider navigate={(to) => void navigate(to)} useHref={useHref}>
      {children}
    </RouterProvider>
  );
}
