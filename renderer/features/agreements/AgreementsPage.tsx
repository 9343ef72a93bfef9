/** Every agreement held here, drafted or received, with where it stands and when it ends. */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
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
      {!agreements.loading && !agreements.data?.length && <p className="empty-state">{t('agreements.empty')}</p>}
      {(agreements.data?.length ?? 0) > 0 && <AgreementsTable agreements={agreements.data!} />}
    </>
  );
}
