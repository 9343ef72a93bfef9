/**
 * Home: what needs attention first (overdue actions, undecided partnerships, unfinished or
 * unconfirmed assessments, blockers), then the partnerships and the latest assessments with their
 * status and scores. It reads only catalogue summaries and shows a bounded number of rows, so it
 * opens as fast with a thousand assessments as with ten.
 */
import { useTranslation } from 'react-i18next';
import type { AttentionItem, HomePartnershipRow } from '../../../shared/home/overview';
import type { NewcomerPath } from '../../../shared/home/newcomer-path';
import { useApp } from '../../app/app-context';
import { VerdictBadge } from '../../components/VerdictBadge';
import { summaryVerdict } from '../../../shared/assessment/summary-verdict';
import { LinkButton } from '../../components/LinkButton';
import { Page } from '../../components/Page';
import { api } from '../../lib/api';
import { countryName } from '../../lib/countries';
import { today } from '../../lib/dates';
import { allOf, useResource } from '../../lib/use-resource';
import { useFormat } from '../../lib/format';
import { DataTable } from '../../components/DataTable';
import { partnershipColumns } from '../partnerships/partnership-columns';

const shownRows = 8;


export function HomePage() {
  const { t, i18n } = useTranslation();
  const { settings, returning } = useApp();
  const format = useFormat();
  const day = today();
  const institutions = useResource(() => api().institutions.list(), []);
  const overview = useResource(() => api().home.overview({ today: day, rows: shownRows }), [day]);
  const path = overview.data?.path;
  const next = path?.next ?? null;
  const title = returning && settings.userName ? t('home.welcomeBack', { name: settings.userName }) : settings.userName ? t('home.welcomeName', { name: settings.userName }) : t('home.welcome');
  const sentence = (item: AttentionItem): string => t(`home.attention.${item.kind}`, { ...item.params, ...(typeof item.params['date'] === 'string' ? { date: format.day(item.params['date']) } : {}) });

  return (
    <Page
      title={title}
      intro={next && !returning ? t('home.path.firstIntro') : t('app.tagline')}
      actions={
        // No buttons until the overview says where the officer stands: the main one is the next step.
        !overview.data ? undefined : next ? (
          // The main button is the next step of the path (shared/home/newcomer-path.ts).
          <LinkButton href={next.href} variant="primary">
            {t(`home.path.${next.step}.${next.verb}`)}
          </LinkButton>
        ) : (
          <>
            <LinkButton href="/assessments/new">{t('assessments.new')}</LinkButton>
            <LinkButton href="/partnerships" variant="primary">
              {t('nav.partnerships')}
            </LinkButton>
          </>
        )
      }
      resource={allOf(institutions, overview)}
    >
      {([institutionList, { attention, attentionTotal, partnerships, latest, latestTotal }]) => {
        const own = institutionList.find((item) => item.kind === 'own');
        const partners = institutionList.filter((item) => item.kind === 'partner');
        return (
          <>
            {path && next && <PathChecklist path={path} />}
            <div className="home-grid">
              <section className="card" aria-labelledby="home-attention">
                <h2 id="home-attention">{t('home.attention.title')}</h2>
                {attention.length === 0 ? (
                  <p className="muted">{t('home.attention.none')}</p>
                ) : (
                  <ul className="attention">
                    {attention.map((item) => (
                      <li key={item.key} className={`attention__item attention__item--${item.severity}`}>
                        <a href={item.href}>{sentence(item)}</a>
                      </li>
                    ))}
                    {attentionTotal > attention.length && <li className="muted">{t('home.attention.more', { count: attentionTotal - attention.length })}</li>}
                  </ul>
                )}
              </section>
              {own && (
                <section className="card" aria-labelledby="home-institution">
                  <h2 id="home-institution">{t('home.institution')}</h2>
                  <p className="card__headline">{own.legalName}</p>
                  <p className="muted">
                    {own.city}, {countryName(own.country, i18n.language)}
                    {own.erasmusCode ? ` · ${own.erasmusCode}` : ''}
                  </p>
                  <p>{t('home.partnersCount', { count: partners.length })}</p>
                  <div className="form-actions form-actions--start">
                    <LinkButton href="/settings/institution" variant="quiet">
                      {t('home.editProfile')}
                    </LinkButton>
                    <LinkButton href="/partnerships?tab=partners" variant="quiet">
                      {t('home.managePartners')}
                    </LinkButton>
                  </div>
                </section>
              )}
            </div>

            <section className="stack home-section" aria-labelledby="home-partnerships">
              <h2 id="home-partnerships">{t('partnerships.title')}</h2>
              {partnerships.length === 0 ? (
                <p className="muted">{t('partnerships.empty')}</p>
              ) : (
                <DataTable
                  labelledBy="home-partnerships"
                  rows={partnerships}
                  rowKey={(partnership) => partnership.id}
                  columns={partnershipColumns<HomePartnershipRow>(t, {
                    id: (partnership) => partnership.id,
                    title: (partnership) => partnership.title,
                    partnerName: (partnership) => partnership.partnerName,
                    verdict: (partnership) => partnership.verdict,
                    decision: (partnership) => partnership.decision?.outcome,
                  })}
                />
              )}
            </section>

            <section className="stack home-section" aria-labelledby="home-assessments">
              <h2 id="home-assessments">{t('home.latestAssessments')}</h2>
              {latest.length === 0 ? (
                <p className="muted">{t('assessments.empty')}</p>
              ) : (
                <DataTable
                  labelledBy="home-assessments"
                  rows={latest}
                  rowKey={(summary) => summary.id}
                  columns={[
                    {
                      id: 'title',
                      header: t('assessments.columns.title'),
                      isRowHeader: true,
                      cell: (summary) => (
                        <>
                          <a href={`#/assessments/${summary.id}`}>{summary.title}</a>
                          <span className="muted small block">{t(`assessment.kind.${summary.kind}`)}</span>
                        </>
                      ),
                    },
                    { id: 'status', header: t('assessments.columns.status'), cell: (summary) => t(`assessments.status.${summary.status}`) },
                    { id: 'progress', header: t('assessments.columns.progress'), cell: (summary) => t('assessment.progressShort', { done: summary.answered, total: summary.total }) },
                    { id: 'score', header: t('assessments.columns.score'), cell: (summary) => <VerdictBadge verdict={summaryVerdict(summary)} showProgress={false} /> },
                  ]}
                />
              )}
              {latestTotal > latest.length && (
                <LinkButton href="/assessments" variant="quiet">
                  {t('home.allAssessments', { count: latestTotal })}
                </LinkButton>
              )}
            </section>
          </>
        );
      }}
    </Page>
  );
}

/**
 * The whole path from profile to agreement, with where the officer stands: each step done, next or
 * later, in words and not by colour alone; the next step carries its link.
 */
function PathChecklist({ path }: { path: NewcomerPath }) {
  const { t } = useTranslation();
  return (
    <section className="card path" aria-labelledby="home-path">
      <div className="section-header">
        <h2 id="home-path">{t('home.path.title')}</h2>
        <p className="muted">{t('home.path.progress', { done: path.done, total: path.steps.length })}</p>
      </div>
      <ol className="path__steps">
        {path.steps.map((status) => (
          <li key={status.step} className={`path__step path__step--${status.state}`} aria-current={status.state === 'next' ? 'step' : undefined}>
            <span className={`badge path__state path__state--${status.state}`}>{t(`home.path.state.${status.state}`)}</span>
            <div className="path__text">
              <h3 className="path__title">{t(`home.path.${status.step}.title`)}</h3>
              <p className="muted small">{t(`home.path.${status.step}.help`)}</p>
              {status.state === 'next' && (
                <a className="path__link" href={`#${status.href}`}>
                  {t(`home.path.${status.step}.${status.verb}`)}
                </a>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
