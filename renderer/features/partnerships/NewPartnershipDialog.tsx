import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AppErrorData } from '../../../shared/errors';
import { Button } from '../../components/Button';
import { DialogFrame } from '../../components/DialogFrame';
import { DialogForm } from '../../components/FormDialog';
import { LinkButton } from '../../components/LinkButton';
import { SelectField } from '../../components/SelectField';
import { TextInput } from '../../components/TextInput';
import { defaultFrameworkFor, profilesOf } from '../../../shared/framework/guide2';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { toFieldErrors, type FieldErrors } from '../../lib/validation';

export function NewPartnershipDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const institutions = useResource(() => api().institutions.list(), []);
  const partners = (institutions.data ?? []).filter((item) => item.kind === 'partner');
  const [partnerId, setPartnerId] = useState('');
  const [title, setTitle] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const partner = partners.find((item) => item.id === partnerId) ?? partners[0];
  const proposed = partner ? t('partnerships.proposedTitle', { name: partner.legalName }) : '';
  // The cooperation profiles of the newest built-in guide: both sides are scored under the one chosen.
  const frameworks = useResource(() => api().frameworks.list(), []);
  const guide = defaultFrameworkFor(frameworks.data ?? []);
  const guideDetail = useResource(() => api().frameworks.get({ key: guide?.key ?? '' }), [guide?.key]);
  const profiles = guide && guideDetail.data?.item.key === guide.key ? profilesOf(guideDetail.data.framework) : [];
  const [profileId, setProfileId] = useState('');
  const chosenProfile = profiles.find((profile) => profile.id === profileId);

  const submit = async () => {
    if (!partner) return;
    const result = await api().partnerships.create({ partnerId: partner.id, title: (title ?? proposed).trim(), ...(chosenProfile ? { profileId: chosenProfile.id } : {}) });
    if (!result.ok) {
      setFailure(result.error);
      setErrors(toFieldErrors(result.error.issues ?? [], t));
      return;
    }
    navigate(`/partnerships/${result.value.id}`);
  };

  // One dialog whatever it shows, so focus and the dialog's name stay put when the list arrives.
  const noPartner = !institutions.loading && partners.length === 0;
  return (
    <DialogFrame
      title={t('partnerships.new')}
      onClose={onClose}
      actions={
        noPartner && (
          <>
            <Button onPress={onClose}>{t('common.cancel')}</Button>
            <LinkButton href="/partners/new" variant="primary">
              {t('home.path.partner.start')}
            </LinkButton>
          </>
        )
      }
    >
      {noPartner ? (
        <p>{t('partnerships.needsPartner')}</p>
      ) : (
        <DialogForm intro={t('partnerships.newIntro')} submitLabel={t('partnerships.create')} error={Object.keys(errors).length ? undefined : failure} onSubmit={submit} onClose={onClose}>
          <SelectField label={t('newAssessment.partner')} value={partner?.id ?? ''} options={partners.map((p) => ({ value: p.id, label: p.legalName }))} onChange={setPartnerId} name="partner" />
          {profiles.length > 0 && (
            <SelectField
              label={t('guide2.profile')}
              description={chosenProfile ? `${t('guide2.profileHelp')} ${chosenProfile.summary}` : t('guide2.profileHelp')}
              value={chosenProfile?.id ?? ''}
              options={[{ value: '', label: t('guide2.profileNone') }, ...profiles.map((profile) => ({ value: profile.id, label: profile.title }))]}
              onChange={setProfileId}
              error={errors['profileId']}
              name="profile"
            />
          )}
          <TextInput label={t('partnerships.name')} value={title ?? proposed} onChange={setTitle} error={errors['title']} isRequired name="title" />
        </DialogForm>
      )}
    </DialogFrame>
  );
}
