import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { ProfileEditor } from './ProfileEditor';
import { profileInputOf } from './profile-input';

export function OwnProfilePage() {
  const { t } = useTranslation();
  const own = useResource(() => api().institutions.getOwn(), []);
  return (
    <Page title={t('profile.ownTitle')} intro={t('profile.ownIntro')} resource={own}>
      {(institution) => <ProfileEditor initial={profileInputOf(institution)} save={(profile) => api().institutions.saveOwn(profile)} onSaved={() => notify(t('profile.saved'))} />}
    </Page>
  );
}
