/** Every agreement held here, drafted or received, with where it stands and when it ends. */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { AgreementsTable } from './AgreementsTable';

export function AgreementsPage() {
  const { t } = useTranslation();
  const agreements = useResource(() => api().agreements.list(), []);
  return (
    <>
      <PageHeader title={t('agreements.title')} intro={t('agreements.intro')} />
      <ErrorMessage error={agreements.error} />
      {!agreements.loading && !agreements.data?.length && (
        <div className="empty-state">
          <p>{t('agreements.empty')}</p>
          <LinkButton href="/partnerships" variant="primary">
            {t('agreements.goToPartnerships')}
          </LinkButton>
        </div>
      )}
      {(agreements.data?.length ?? 0) > 0 && <AgreementsTable agreements={agreements.data!} />}
    </>
  );
}
