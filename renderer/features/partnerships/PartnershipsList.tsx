/**
 * Partnerships with their readiness at a glance (each side and the weaker-side bound), the decision
 * recorded, and what needs attention in the action plan.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { readinessAtAGlance, overdueActions, type PartnershipSummary } from '../../../shared/partnership/summary';
import { Button } from '../../components/Button';
import { LinkButton } from '../../components/LinkButton';
import { Loaded } from '../../components/Page';
import { api } from '../../lib/api';
import { today } from '../../lib/dates';
import { allOf, useResource } from '../../lib/use-resource';
import { NewPartnershipDialog } from './NewPartnershipDialog';
import { partnershipColumns } from './partnership-columns';
import { DataTable } from '../../components/DataTable';

export function PartnershipsList() {
  const { t } = useTranslation();
  const partnerships = useResource(() => api().partnerships.list(), []);
  const assessments = useResource(() => api().assessments.list(), []);
  const institutions = useResource(() => api().institutions.list(), []);
  // `?new=1` (Home's path) opens the dialog at once.
  const [params] = useSearchParams();
  const [creating, setCreating] = useState(params.get('new') === '1');
  const hasPartners = (institutions.data ?? []).some((item) => item.kind === 'partner');
  const summaries = new Map((assessments.data ?? []).map((summary) => [summary.id, summary]));
  const names = new Map((institutions.data ?? []).map((item) => [item.id, item.legalName]));
  const day = today();

  return (
    <section aria-labelledby="partnerships-title" className="stack">
      <div className="section-header">
        <div>
          {/* The page title and the tab already name the list: the heading is for assistive technology. */}
          <h2 id="partnerships-title" className="visually-hidden">{t('partnerships.title')}</h2>
          <p className="muted">{t('partnerships.intro')}</p>
        </div>
        <Button variant="primary" onPress={() => setCreating(true)}>
          {t('partnerships.new')}
        </Button>
      </div>
      <Loaded resource={allOf(partnerships, assessments)}>
        {([list]) =>
          list.length === 0 ? (
            <div className="empty-state">
              <p>{t('partnerships.empty')}</p>
              {!institutions.loading &&
                (hasPartners ? (
                  <Button onPress={() => setCreating(true)}>{t('partnerships.createFirst')}</Button>
                ) : (
                  <LinkButton href="/partners/new">{t('home.path.partner.start')}</LinkButton>
                ))}
            </div>
          ) : (
            <DataTable
              label={t('partnerships.title')}
              rows={list}
              rowKey={(partnership) => partnership.id}
              columns={[
                ...partnershipColumns<PartnershipSummary>(t, {
                  id: (partnership) => partnership.id,
                  title: (partnership) => partnership.title,
                  partnerName: (partnership) => names.get(partnership.institutionB) ?? '',
                  verdict: (partnership) => readinessAtAGlance(partnership, summaries).verdict,
                  decision: (partnership) => partnership.decision?.outcome,
                }),
                {
                  id: 'actions',
                  header: t('partnerships.columns.actions'),
                  cell: (partnership) => {
                    const overdue = overdueActions(partnership.actions, day).length;
                    const open = partnership.actions.filter((action) => action.status !== 'done').length;
                    return (
                      <>
                        {t('partnerships.openActions', { count: open })}
                        {overdue > 0 && <span className="badge badge--critical block-inline">{t('partnerships.overdue', { count: overdue })}</span>}
                      </>
                    );
                  },
                },
              ]}
            />
          )
        }
      </Loaded>
      {creating && <NewPartnershipDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
