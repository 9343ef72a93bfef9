import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../lib/api';
import { teamApi } from '../features/assessments/team/team-api';
import { useAction } from '../lib/use-action';
import { useFocusAfterRender } from '../lib/use-focus-after-render';
import { NoticesBanner } from '../features/notices/NoticesBanner';
import { MenuIcon, NavIcon } from '../components/icons';

/** Below this width the sidebar folds to a narrow strip with a menu button (see app.css). From
 * there up to 1280 px it is a rail of icons, each naming its screen on hover and focus (CSS only). */
const narrowQuery = '(max-width: 1099px)';

function useNarrowWindow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(narrowQuery).matches);
  useEffect(() => {
    const query = window.matchMedia(narrowQuery);
    const update = () => setNarrow(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return narrow;
}

const links = [
  { to: '/', key: 'home', end: true },
  { to: '/assessments', key: 'assessments', end: false },
  { to: '/partnerships', key: 'partnerships', end: false },
  { to: '/agreements', key: 'agreements', end: false },
  { to: '/consortium', key: 'consortium', end: false },
  { to: '/inbox', key: 'inbox', end: false },
  { to: '/guide', key: 'guide', end: false },
  { to: '/settings', key: 'settings', end: false },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const narrow = useNarrowWindow();
  // The menu stays open only on the page where it was opened and only while the window is
  // narrow: following a link or widening the window folds it without a state update of its own.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = narrow && menuOpenAt === location.pathname;
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const linksRef = useRef<HTMLUListElement>(null);
  const collapsed = narrow && !menuOpen;
  const focusAfterRender = useFocusAfterRender();

  // A folded menu that opens moves focus to its first link; Escape folds it again and returns
  // focus to the button that opened it, so a keyboard user never loses their place. Tabbing out
  // of the open menu folds it too: it lies over the page and would hide what has focus.
  const openMenu = () => {
    setMenuOpenAt(location.pathname);
    focusAfterRender(() => linksRef.current?.querySelector<HTMLElement>('a')?.focus());
  };
  const closeMenu = (returnFocus: boolean) => {
    setMenuOpenAt(null);
    if (returnFocus) menuButtonRef.current?.focus();
  };
  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpenAt(null);
      menuButtonRef.current?.focus();
    };
    const onFocusIn = (event: Event) => {
      if (event.target instanceof Node && !navRef.current?.contains(event.target)) setMenuOpenAt(null);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('pointerdown', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('pointerdown', onFocusIn);
    };
  }, [menuOpen]);

  // The main process asks for screens (menu) and hands over files opened by double-click.
  const navigate = useNavigate();
  const run = useAction();
  // Files waiting in the shared folder's inbox, shown beside its link.
  const [inboxCount, setInboxCount] = useState(0);
  useEffect(() => {
    void api()
      .inbox.view()
      .then((result) => result.ok && setInboxCount(result.value.entries.length));
  }, []);
  useEffect(() => {
    // Files opened with the app wait in the main process until asked for: taken once now (a
    // double-click that launched the app, or one during first-run, before this screen existed),
    // and again whenever the main process says more arrived.
    const takeOpenedFiles = async () => {
      const opened = await api().app.openedFiles();
      if (!opened.ok || opened.value.length === 0) return;
      const result = await run(() => api().exchange.previewFiles({ paths: opened.value }));
      if (!result.ok) return;
      // A contribution request (team assessment) is not imported: it opens on the colleague's
      // screen for rating. Everything else goes to the import page as before.
      const previews = result.value ?? [];
      const isRequest = (preview: (typeof previews)[number]) => preview.items?.some((item) => (item.type as string) === 'contribution-request') ?? false;
      let requestId: string | undefined;
      for (const preview of previews.filter(isRequest)) {
        const path = opened.value.find((candidate) => candidate.split(/[\\/]/).pop() === preview.fileName);
        if (!path) continue;
        const request = await run(() => teamApi().openRequest({ path }));
        if (request.ok && request.value) requestId = request.value.requestId;
      }
      const others = previews.filter((preview) => !isRequest(preview));
      if (others.length > 0 || !requestId) void navigate('/exchange/import', { state: { previews: others } });
      else void navigate(`/team/requests/${encodeURIComponent(requestId)}`);
    };
    const unsubscribe = api().events.subscribe((event) => {
      if (event.type === 'inbox-changed') setInboxCount(event.count);
      if (event.type === 'navigate') void navigate(event.to);
      if (event.type === 'files-opened') void takeOpenedFiles();
    });
    void takeOpenedFiles();
    return unsubscribe;
  }, [navigate, run]);

  // After navigation, move focus to the new page's title so screen readers announce it and
  // keyboard users continue from the top of the content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const title = mainRef.current?.querySelector<HTMLElement>('[data-page-title]');
    (title ?? mainRef.current)?.focus();
  }, [location.pathname]);

  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <nav
        className={`sidebar${narrow ? ' sidebar--narrow' : ''}${menuOpen ? ' is-open' : ''}`}
        aria-label={t('nav.main')}
        ref={navRef}
      >
        {narrow && (
          <button
            ref={menuButtonRef}
            type="button"
            className="sidebar__toggle"
            aria-expanded={menuOpen}
            aria-controls="sidebar-links"
            aria-label={menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
            onClick={() => (menuOpen ? closeMenu(true) : openMenu())}
          >
            <MenuIcon />
          </button>
        )}
        <div className="sidebar__brand" hidden={collapsed}>
          <span className="sidebar__logo" aria-hidden="true" />
          <span className="sidebar__name">{t('app.name')}</span>
        </div>
        <ul className="sidebar__links" id="sidebar-links" ref={linksRef} hidden={collapsed}>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end} className={({ isActive }) => `sidebar__link${isActive ? ' is-active' : ''}`}>
                <NavIcon name={link.key} />
                <span className="sidebar__label">{t(`nav.${link.key}`)}</span>
                {link.key === 'inbox' && inboxCount > 0 && (
                  <span className="sidebar__count" aria-label={t('nav.inboxCount', { count: inboxCount })}>
                    {inboxCount}
                  </span>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main" ref={mainRef} tabIndex={-1}>
        <NoticesBanner />
        <Outlet />
      </main>
    </div>
  );
}
