import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { NoticesBanner } from '../features/notices/NoticesBanner';

const links = [
  { to: '/', key: 'home', end: true },
  { to: '/assessments', key: 'assessments', end: false },
  { to: '/partnerships', key: 'partnerships', end: false },
  { to: '/guide', key: 'guide', end: false },
  { to: '/settings', key: 'settings', end: false },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

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
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="sidebar__brand">
          <span className="sidebar__logo" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </div>
        <ul className="sidebar__links">
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end} className={({ isActive }) => `sidebar__link${isActive ? ' is-active' : ''}`}>
                {t(`nav.${link.key}`)}
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
