/** Every agreement held here, drafted or received, with where it stands and when it ends. */
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../components/LinkButton';
import { Page } from '../../components/Page';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { AgreementsTable } from './AgreementsTable';

export function AgreementsPage() {
  const { t } = useTranslation();
  const agreements = useResource(() => api().agreements.list(), []);
  return (
    <Page title={t('agreements.title')} intro={t('agreements.intro')} resource={agreements}>
      {(list) =>
        list.length === 0 ? (
          <div className="empty-state">
            <p>{t('agreements.empty')}</p>
            <LinkButton href="/partnerships" variant="primary">
              {t('agreements.goToPartnerships')}
            </LinkButton>
          </div>
        ) : (
          <AgreementsTable agreements={list} />
        )
      }
    </Page>
  );
}
