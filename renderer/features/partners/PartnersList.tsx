import { useAction } from '../../lib/use-action';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstitutionListItem } from '../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LinkButton } from '../../components/LinkButton';
import { api } from '../../lib/api';
import { QuestionnaireDialog } from './QuestionnaireDialog';
import { countryName } from '../../lib/countries';
import { useResource } from '../../lib/use-resource';
import { DataTable } from '../../components/DataTable';

export function PartnersList() {
  const { t, i18n } = useTranslation();
  const list = useResource(() => api().institutions.list(), []);
  const [removing, setRemoving] = useState<InstitutionListItem>();
  const [questionnaire, setQuestionnaire] = useState<InstitutionListItem>();
  const run = useAction();
  const partners = (list.data ?? []).filter((item) => item.kind === 'partner');

  const remove = async () => {
    if (!removing) return;
    const target = removing;
    setRemoving(undefined);
    const result = await run(() => api().institutions.removePartner({ id: target.id }), { success: t('partners.removed', { name: target.legalName }) });
    if (!result.ok) return;
    list.reload();
  };

  return (
    <section aria-labelledby="partners-title" className="stack">
      <div className="section-header">
        <div>
          <h2 id="partners-title" className="visually-hidden">{t('partners.title')}</h2>
          <p className="muted">{t('partners.intro')}</p>
        </div>
        <LinkButton href="/partners/new" variant="primary">
          {t('partners.add')}
        </LinkButton>
      </div>
      <ErrorMessage error={list.error} />
      {(partners.length > 0 || !list.loading) && (
        <DataTable
          label={t('partners.listLabel')}
          rows={partners}
          rowKey={(partner) => partner.id}
          empty={
            <div className="empty-state">
              <p>{t('partners.empty')}</p>
              <LinkButton href="/partners/new">{t('partners.addFirst')}</LinkButton>
            </div>
          }
          columns={[
            { id: 'name', header: t('partners.columns.name'), isRowHeader: true, cell: (partner) => partner.legalName },
            { id: 'country', header: t('partners.columns.country'), cell: (partner) => countryName(partner.country, i18n.language) },
            { id: 'city', header: t('partners.columns.city'), cell: (partner) => partner.city },
            { id: 'code', header: t('partners.columns.erasmusCode'), className: 'mono', cell: (partner) => partner.erasmusCode || '—' },
            {
              id: 'actions',
              header: t('common.actions'),
              hideHeader: true,
              className: 'data-table__actions',
              cell: (partner) => (
                <>
                  <LinkButton href={`/partners/${partner.id}`} variant="quiet" aria-label={`${t('common.edit')}: ${partner.legalName}`}>
                    {t('common.edit')}
                  </LinkButton>
                  <Button variant="quiet" onPress={() => setQuestionnaire(partner)} aria-label={`${t('questionnaire.action')}: ${partner.legalName}`}>
                    {t('questionnaire.action')}
                  </Button>
                  <Button variant="quiet" onPress={() => setRemoving(partner)} aria-label={`${t('common.remove')}: ${partner.legalName}`}>
                    {t('common.remove')}
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
      {questionnaire && <QuestionnaireDialog partner={questionnaire} onClose={() => setQuestionnaire(undefined)} />}
      <ConfirmDialog
        isOpen={removing !== undefined}
        title={t('partners.removeTitle', { name: removing?.legalName ?? '' })}
        confirmLabel={t('partners.removeConfirm')}
        destructive
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(undefined)}
      >
        <p>{t('partners.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
