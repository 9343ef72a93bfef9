import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function AssessmentsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('nav.assessments')} />
      <p className="empty-state">{t('assessments.empty')}</p>
    </>
  );
}
