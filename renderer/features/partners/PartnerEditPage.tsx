import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { AppErrorData } from '../../../shared/errors';
import { institutionProfileSchema, type InstitutionProfileInput } from '../../../shared/institution/schema';
import { Button } from '../../components/Button';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { toFieldErrors, validate, type FieldErrors } from '../../lib/validation';
import { focusFirstError, ProfileForm } from '../institution/ProfileForm';
import { profileInputOf } from '../institution/profile-input';

/** Adds a partner institution (`/partners/new`) or edits one (`/partners/:id`). */
export function PartnerEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const isNew = !id || id === 'new';
  const [profile, setProfile] = useState<InstitutionProfileInput | undefined>(isNew ? profileInputOf(null) : undefined);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (isNew || !id) return;
    void api()
      .institutions.get({ id })
      .then((result) => {
        if (!result.ok) return setFailure(result.error);
        setProfile(profileInputOf(result.value));
        setName(result.value.legalName);
      });
  }, [id, isNew]);

  const save = async () => {
    if (!profile) return;
    setFailure(undefined);
    const checked = validate(institutionProfileSchema, profile, t);
    if (!checked.ok) {
      setErrors(checked.errors);
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setBusy(true);
    const saved = isNew
      ? await api().institutions.createPartner(checked.value)
      : await api().institutions.updatePartner({ id: id!, profile: checked.value });
    setBusy(false);
    if (!saved.ok) {
      setFailure(saved.error);
      if (saved.error.issues) {
        setErrors(toFieldErrors(saved.error.issues, t));
        requestAnimationFrame(() => focusFirstError(formRef.current));
      }
      return;
    }
    notify(t(isNew ? 'partners.created' : 'partners.updated', { name: saved.value.legalName }));
    navigate('/partnerships?tab=partners');
  };

  return (
    <>
      <PageHeader title={isNew ? t('partners.addTitle') : t('partners.editTitle', { name })} />
      <ErrorMessage error={failure} />
      {profile && (
        <Form
          ref={formRef}
          validationBehavior="aria"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ProfileForm value={profile} onChange={setProfile} errors={errors} />
          <div className="form-actions form-actions--sticky">
            <Button variant="secondary" onPress={() => navigate('/partnerships?tab=partners')} isDisabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" type="submit" isDisabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </Button>
          </div>
        </Form>
      )}
    </>
  );
}
