import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/errors';
import { institutionProfileSchema, type Institution, type InstitutionProfileInput } from '../../../shared/institution/schema';
import { Button } from '../../components/Button';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { toFieldErrors, validate, type FieldErrors } from '../../lib/validation';
import { focusFirstError, ProfileForm } from './ProfileForm';
import { profileInputOf } from './profile-input';

export function OwnProfilePage() {
  const { t } = useTranslation();
  const own = useResource(() => api().institutions.getOwn(), []);
  return (
    <>
      <PageHeader title={t('profile.ownTitle')} intro={t('profile.ownIntro')} />
      <ErrorMessage error={own.error} />
      {own.data !== undefined && <OwnProfileForm initial={own.data} />}
    </>
  );
}

function OwnProfileForm({ initial }: { initial: Institution | null }) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<InstitutionProfileInput>(() => profileInputOf(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const save = async () => {
    setFailure(undefined);
    const checked = validate(institutionProfileSchema, profile, t);
    if (!checked.ok) {
      setErrors(checked.errors);
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setBusy(true);
    const saved = await api().institutions.saveOwn(checked.value);
    setBusy(false);
    if (!saved.ok) {
      setFailure(saved.error);
      if (saved.error.issues) setErrors(toFieldErrors(saved.error.issues, t));
      return;
    }
    setErrors({});
    setProfile(profileInputOf(saved.value));
    notify(t('profile.saved'));
  };

  return (
    <Form
      ref={formRef}
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ErrorMessage error={failure} />
      <ProfileForm value={profile} onChange={setProfile} errors={errors} />
      <div className="form-actions form-actions--sticky">
        <Button variant="primary" type="submit" isDisabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </Form>
  );
}
