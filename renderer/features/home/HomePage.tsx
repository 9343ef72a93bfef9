/**
 * Home: what needs attention first (overdue actions, undecided partnerships, unfinished or
 * unconfirmed assessments, blockers), then the partnerships and the latest assessments with their
 * status and scores. It reads only catalogue summaries and shows a bounded number of rows, so it
 * opens as fast with a thousand assessments as with ten.
 */
import { useTranslation } from 'react-i18next';
import { latestRevisions, type AssessmentSummary } from '../../../shared/assessment/summary';
import { validityOn } from '../../../shared/assessment/validity';
import { overdueActions, readinessAtAGlance } from '../../../shared/partnership/summary';
import { useApp } from '../../app/app-context';
import { BandBadge } from '../../components/BandBadge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { countryName } from '../../lib/countries';
import { today } from '../../lib/dates';
import { useResource } from '../../lib/use-resource';
import { useFormat } from '../../lib/format';

const shownRows = 8;

interface AttentionItem {
  key: string;
  href: string;
  text: string;
  severity: 'high' | 'normal';
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  const institutions = useResource(() => api().institutions.list(), []);
  const assessments = useResource(() => api().assessments.list(), []);
  const partnerships = useResource(() => api().partnerships.list(), []);
  const agreements = useResource(() => api().agreements.list(), []);
  const own = institutions.data?.find((item) => item.kind === 'own');
  const partners = (institutions.data ?? []).filter((item) => item.kind === 'partner');
  const names = new Map((institutions.data ?? []).map((item) => [item.id, item.legalName]));
  const summaries = new Map((assessments.data ?? []).map((summary) => [summary.id, summary]));
  const latest = latestRevisions(assessments.data ?? []).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const day = today();
  const format = useFormat();

  const attention: AttentionItem[] = [];
  for (const partnership of partnerships.data ?? []) {
    const overdue = overdueActions(partnership.actions, day).length;
    if (overdue) {
      attention.push({ key: `o-${partnership.id}`, href: `#/partnerships/${partnership.id}?tab=decision`, text: t('home.attention.overdue', { count: overdue, title: partnership.title }), severity: 'high' });
    }
    if (!partnership.decision) {
      attention.push({ key: `d-${partnership.id}`, href: `#/partnerships/${partnership.id}?tab=decision`, text: t('home.attention.undecided', { title: partnership.title }), severity: 'normal' });
    }
  }
  for (const summary of latest) {
    if (summary.status === 'draft' && summary.answered < summary.total) {
      attention.push({ key: `m-${summary.id}`, href: `#/assessments/${summary.id}?tab=review`, text: t('home.attention.missing', { count: summary.total - summary.answered, title: summary.title }), severity: 'normal' });
    }
    if (summary.carriedOver > 0) {
      attention.push({ key: `c-${summary.id}`, href: `#/assessments/${summary.id}?tab=review`, text: t('home.attention.carriedOver', { count: summary.carriedOver, title: summary.title }), severity: 'normal' });
    }
    if (summary.blockers > 0) {
      attention.push({ key: `b-${summary.id}`, href: `#/assessments/${summary.id}?tab=results`, text: t('home.attention.blockers', { count: summary.blockers, title: summary.title }), severity: 'high' });
    }
  }
  // Renewals: completed assessments whose validity ends soon or has ended, not renewed yet.
  const renewed = new Set((assessments.data ?? []).flatMap((summary) => (summary.carriedFromId ? [summary.carriedFromId] : [])));
  for (const summary of latest) {
    if (!summary.validUntil || renewed.has(summary.id)) continue;
    const validity = validityOn(summary.validUntil, day);
    if (validity === 'valid') continue;
    attention.push({
      key: `v-${summary.id}`,
      href: `#/assessments/new?from=${encodeURIComponent(summary.id)}`,
      text: t(validity === 'expired' ? 'home.attention.expired' : 'home.attention.expiring', { title: summary.title, date: format.day(summary.validUntil) }),
      severity: validity === 'expired' ? 'high' : 'normal',
    });
  }
  for (const agreement of agreements.data ?? []) {
    if (agreement.state === 'awaiting-own') {
      attention.push({ key: `g-${agreement.id}`, href: `#/agreements/${agreement.id}`, text: t('home.attention.countersign', { title: agreement.title, partner: agreement.parties[agreement.ownSide === 'A' ? 'B' : 'A'].legalName }), severity: 'high' });
    }
    if (agreement.endsOn && validityOn(agreement.endsOn, day, 180) !== 'valid') {
      attention.push({
        key: `e-${agreement.id}`,
        href: `#/agreements/${agreement.id}`,
        text: t(agreement.endsOn < day ? 'home.attention.agreementEnded' : 'home.attention.agreementEnding', { title: agreement.title, date: format.day(agreement.endsOn) }),
        severity: agreement.endsOn < day ? 'high' : 'normal',
      });
    }
  }
  attention.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'high' ? -1 : 1));

  const score = (summary: AssessmentSummary) => format.score(summary.overall);

  return (
    <>
      <PageHeader
        title={settings.userName ? t('home.welcomeBack', { name: settings.userName }) : t('home.welcome')}
        intro={t('app.tagline')}
        actions={
          <>
            <LinkButton href="/assessments/new">{t('assessments.new')}</LinkButton>
            <LinkButton href="/partnerships" variant="primary">
              {t('nav.partnerships')}
            </LinkButton>
          </>
        }
      />
      <ErrorMessage error={institutions.error ?? assessments.error ?? partnerships.error ?? agreements.error} />
      <div className="home-grid">
        <section className="card" aria-labelledby="home-attention">
          <h2 id="home-attention">{t('home.attention.title')}</h2>
          {attention.length === 0 ? (
            <p className="muted">{t('home.attention.none')}</p>
          ) : (
            <ul className="attention">
              {attention.slice(0, shownRows).map((item) => (
                <li key={item.key} className={`attention__item attention__item--${item.severity}`}>
                  <a href={item.href}>{item.text}</a>
                </li>
              ))}
              {attention.length > shownRows && <li className="muted">{t('home.attention.more', { count: attention.length - shownRows })}</li>}
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
        {(partnerships.data ?? []).length === 0 ? (
          <p className="muted">{t('partnerships.empty')}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t('partnerships.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partnerships.columns.partnership')}</th>
                <th scope="col">{t('partnerships.columns.readiness')}</th>
                <th scope="col">{t('partnerships.columns.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {partnerships.data!.slice(0, shownRows).map((partnership) => {
                const glance = readinessAtAGlance(partnership, summaries);
                return (
                  <tr key={partnership.id}>
                    <th scope="row">
                      <a href={`#/partnerships/${partnership.id}`}>{partnership.title}</a>
                      <span className="muted small block">{names.get(partnership.institutionB) ?? ''}</span>
                    </th>
                    <td>
                      <BandBadge band={glance.band} provisional={glance.A.provisional || glance.B.provisional} />{' '}
                      <span className="muted">{glance.overall === null ? '' : format.score(glance.overall)}</span>
                    </td>
                    <td>{partnership.decision ? <BandBadge band={partnership.decision.outcome} /> : <span className="muted">{t('partnerships.undecided')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="stack home-section" aria-labelledby="home-assessments">
        <h2 id="home-assessments">{t('home.latestAssessments')}</h2>
        {latest.length === 0 ? (
          <p className="muted">{t('assessments.empty')}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t('home.latestAssessments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessments.columns.title')}</th>
                <th scope="col">{t('assessments.columns.status')}</th>
                <th scope="col">{t('assessments.columns.progress')}</th>
                <th scope="col">{t('assessments.columns.score')}</th>
              </tr>
            </thead>
            <tbody>
              {latest.slice(0, shownRows).map((summary) => (
                <tr key={summary.id}>
                  <th scope="row">
                    <a href={`#/assessments/${summary.id}`}>{summary.title}</a>
                    <span className="muted small block">{t(`assessment.kind.${summary.kind}`)}</span>
                  </th>
                  <td>{t(`assessments.status.${summary.status}`)}</td>
                  <td>{t('assessment.progressShort', { done: summary.answered, total: summary.total })}</td>
                  <td>
                    {score(summary)} {summary.overall !== null && <BandBadge band={summary.band} provisional={summary.answered < summary.total} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {latest.length > shownRows && (
          <LinkButton href="/assessments" variant="quiet">
            {t('home.allAssessments', { count: latest.length })}
          </LinkButton>
        )}
      </section>
    </>
  );
}
