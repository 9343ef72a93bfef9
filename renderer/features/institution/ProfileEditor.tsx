/**
 * A complete profile editor: the form, validation with the shared schema before anything is sent,
 * the server's verdict (e.g. a duplicate name) shown on the fields, focus on the first field to fix.
 * Used for the own institution and for partners.
 */
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, Result } from '../../../shared/errors';
import {
  institutionProfileSchema,
  type Institution,
  type InstitutionProfile,
  type InstitutionProfileInput,
} from '../../../shared/institution/schema';
import { Button } from '../../components/Button';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { toFieldErrors, validate, type FieldErrors } from '../../lib/validation';
import { focusFirstError, ProfileForm } from './ProfileForm';
import { profileInputOf } from './profile-input';

interface ProfileEditorProps {
  initial: InstitutionProfileInput;
  save(profile: InstitutionProfile): Promise<Result<Institution>>;
  onSaved(institution: Institution): void;
  onCancel?: () => void;
}

export function ProfileEditor({ initial, save, onSaved, onCancel }: ProfileEditorProps) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<InstitutionProfileInput>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();

  const showErrors = (fieldErrors: FieldErrors) => {
    setErrors(fieldErrors);
    focusAfterRender(() => focusFirstError(formRef.current));
  };

  const submit = async () => {
    setFailure(undefined);
    const checked = validate(institutionProfileSchema, profile, t);
    if (!checked.ok) return showErrors(checked.errors);
    setBusy(true);
    const saved = await save(checked.value);
    setBusy(false);
    if (!saved.ok) {
      setFailure(saved.error);
      if (saved.error.issues) showErrors(toFieldErrors(saved.error.issues, t));
      return;
    }
    setErrors({});
    setProfile(profileInputOf(saved.value));
    onSaved(saved.value);
  };

  return (
    <Form
      ref={formRef}
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ErrorMessage error={failure} />
      <ProfileForm value={profile} onChange={setProfile} errors={errors} />
      <div className="form-actions form-actions--sticky">
        {onCancel && (
          <Button variant="secondary" onPress={onCancel} isDisabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
        <Button variant="primary" type="submit" isDisabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </Form>
  );
}
