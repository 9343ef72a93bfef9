import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Institution } from '../../../shared/institution/schema';
import { Page } from '../../components/Page';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { ProfileEditor } from '../institution/ProfileEditor';
import { profileInputOf } from '../institution/profile-input';

/** Adds a partner institution (`/partners/new`) or edits one (`/partners/:id`). */
export function PartnerEditPage() {
  const { t } = useTranslation();
  const { id = 'new' } = useParams();
  const navigate = useNavigate();
  const isNew = id === 'new';
  const existing = useResource<Institution | null>(
    async () => (isNew ? { ok: true, value: null } : api().institutions.get({ id })),
    [id, isNew],
  );
  const backToList = () => {
    navigate('/partnerships?tab=partners');
  };
  return (
    <Page title={isNew ? t('partners.addTitle') : t('partners.editTitle', { name: existing.data?.legalName ?? '' })} resource={existing}>
      {(institution) => (
        <ProfileEditor
          initial={profileInputOf(institution)}
          save={(profile) => (isNew ? api().institutions.createPartner(profile) : api().institutions.updatePartner({ id, profile }))}
          onSaved={(saved) => {
            notify(t(isNew ? 'partners.created' : 'partners.updated', { name: saved.legalName }));
            backToList();
          }}
          onCancel={backToList}
        />
      )}
    </Page>
  );
}
