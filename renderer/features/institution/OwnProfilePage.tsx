import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { ProfileEditor } from './ProfileEditor';
import { profileInputOf } from './profile-input';

export function OwnProfilePage() {
  const { t } = useTranslation();
  const own = useResource(() => api().institutions.getOwn(), []);
  return (
    <>
      <PageHeader title={t('profile.ownTitle')} intro={t('profile.ownIntro')} />
      <ErrorMessage error={own.error} />
      {own.data !== undefined && (
        <ProfileEditor initial={profileInputOf(own.data)} save={(profile) => api().institutions.saveOwn(profile)} onSaved={() => notify(t('profile.saved'))} />
      )}
    </>
  );
}
