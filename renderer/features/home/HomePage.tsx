import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';
import { countryName } from '../../lib/countries';
import { useResource } from '../../lib/use-resource';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const list = useResource(() => api().institutions.list(), []);
  const own = list.data?.find((item) => item.kind === 'own');
  const partners = (list.data ?? []).filter((item) => item.kind === 'partner');
  return (
    <>
      <PageHeader title={settings.userName ? t('home.welcomeBack', { name: settings.userName }) : t('home.welcome')} intro={t('app.tagline')} />
      <ErrorMessage error={list.error} />
      <div className="home-grid">
        {own && (
          <section className="card" aria-labelledby="home-institution">
            <h2 id="home-institution">{t('home.institution')}</h2>
            <p className="card__headline">{own.legalName}</p>
            <p className="muted">
              {own.city}, {countryName(own.country, i18n.language)}
              {own.erasmusCode ? ` · ${own.erasmusCode}` : ''}
            </p>
            <LinkButton href="/settings/institution" variant="quiet">
              {t('home.editProfile')}
            </LinkButton>
          </section>
        )}
        <section className="card" aria-labelledby="home-partners">
          <h2 id="home-partners">{t('partners.title')}</h2>
          <p className="card__headline">{t('home.partnersCount', { count: partners.length })}</p>
          <LinkButton href="/partnerships?tab=partners" variant="quiet">
            {t('home.managePartners')}
          </LinkButton>
        </section>
      </div>
    </>
  );
}
