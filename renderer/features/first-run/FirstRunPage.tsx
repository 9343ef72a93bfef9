/**
 * First-run setup: who you are, then your institution's profile in two steps. Each step is
 * validated before the next; the profile is saved at the end, and only then is setup marked done.
 */
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/errors';
import type { Language } from '../../../shared/framework/schema';
import { institutionProfileSchema, type InstitutionProfileInput } from '../../../shared/institution/schema';
import type { Settings } from '../../../shared/settings';
import { Button } from '../../components/Button';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LanguageField } from '../../components/LanguageField';
import { Page } from '../../components/Page';
import { PasswordInput } from '../../components/PasswordInput';
import { TextInput } from '../../components/TextInput';
import { useResource } from '../../lib/use-resource';
import { api } from '../../lib/api';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { toFieldErrors, validate, type FieldErrors } from '../../lib/validation';
import { errorsOfSections, focusFirstError, ProfileForm, type ProfileSection } from '../institution/ProfileForm';
import { profileInputOf } from '../institution/profile-input';

const steps: ReadonlyArray<{ key: 'stepYou' | 'stepInstitution' | 'stepPeople' | 'stepKey'; sections: readonly ProfileSection[] }> = [
  { key: 'stepYou', sections: [] },
  { key: 'stepInstitution', sections: ['identity', 'codes'] },
  { key: 'stepPeople', sections: ['representative', 'qaContact', 'qaAgency'] },
  { key: 'stepKey', sections: [] },
];
const keyStep = 3;
/** As the key store requires (electron/keys/passphrase-protector.ts refuses a shorter one). */
const minimumPassphraseLength = 10;

interface FirstRunPageProps {
  settings: Settings;
  onLanguageChange(language: Language | null): void;
  onFinished(settings: Settings): void;
}

export function FirstRunPage({ settings, onLanguageChange, onFinished }: FirstRunPageProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [profile, setProfile] = useState<InstitutionProfileInput>(() => profileInputOf(null));
  const [userName, setUserName] = useState(settings.userName);
  const [userRole, setUserRole] = useState(settings.userRole);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const keyStatus = useResource(() => api().keys.status(), []);
  const osKeychain = keyStatus.data?.osKeychainAvailable ?? false;
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const current = steps[step] ?? steps[0]!;
  const focusAfterRender = useFocusAfterRender();

  const goTo = (next: number) => {
    setStep(next);
    setErrors({});
    // Move focus to the step's heading so keyboard and screen-reader users start at the top.
    focusAfterRender(() => headingRef.current?.focus());
  };

  const showErrors = (stepErrors: FieldErrors) => {
    setErrors(stepErrors);
    focusAfterRender(() => focusFirstError(formRef.current));
  };

  const submit = async () => {
    setFailure(undefined);
    if (step === 0) {
      if (!userName.trim()) return showErrors({ userName: t('validation.required') });
      return goTo(1);
    }
    const checked = validate(institutionProfileSchema, profile, t);
    const stepErrors = checked.ok ? {} : errorsOfSections(checked.errors, current.sections);
    if (Object.keys(stepErrors).length) return showErrors(stepErrors);
    if (step < keyStep) return goTo(step + 1);
    if (!osKeychain && !keyStatus.data?.hasKey) {
      // The error says what is wrong (too short, or the two differ), not the help again.
      if ([...passphrase].length < minimumPassphraseLength) return showErrors({ passphrase: t('validation.passphraseTooShort', { min: minimumPassphraseLength }) });
      if (passphrase !== repeat) return showErrors({ repeat: t('keys.passphrasesDiffer') });
    }
    if (!checked.ok) {
      // An error in an earlier step (should not happen, but never lose it): go back to it.
      const earlier = steps.findIndex((s) => Object.keys(errorsOfSections(checked.errors, s.sections)).length > 0);
      goTo(Math.max(earlier, 1));
      return;
    }
    setBusy(true);
    const saved = await api().institutions.saveOwn(checked.value);
    if (!saved.ok) {
      setBusy(false);
      setFailure(saved.error);
      if (saved.error.issues) showErrors(toFieldErrors(saved.error.issues, t));
      return;
    }
    if (!keyStatus.data?.hasKey) {
      const key = await api().keys.create(osKeychain ? {} : { passphrase });
      if (!key.ok) {
        setBusy(false);
        setFailure(key.error);
        return;
      }
    }
    const updated = await api().settings.update({ userName: userName.trim(), userRole: userRole.trim(), setupCompleted: true });
    setBusy(false);
    if (!updated.ok) return setFailure(updated.error);
    onFinished(updated.value);
  };

  return (
    <main className="first-run" id="main">
      <div className="first-run__card">
        <p className="first-run__brand">{t('app.name')}</p>
        {/* The last step depends on whether a key and the system keychain exist: the steps wait for it. */}
        <Page title={t('firstRun.title')} intro={step === 0 ? t('firstRun.intro') : undefined} resource={keyStatus}>
          {() => (
            <>
              <ol className="stepper" aria-label={t('firstRun.progress', { step: step + 1, total: steps.length })}>
                {steps.map((s, index) => (
                  <li key={s.key} className="stepper__step" aria-current={index === step ? 'step' : undefined} data-done={index < step || undefined}>
                    <span className="stepper__number" aria-hidden="true">
                      {index + 1}
                    </span>
                    {t(`firstRun.${s.key}`)}
                  </li>
                ))}
              </ol>
              <Form
                ref={formRef}
                className="first-run__form"
                validationBehavior="aria"
                onSubmit={(event) => {
                  event.preventDefault();
                  void submit();
                }}
              >
                <h2 className="first-run__step-title" ref={headingRef} tabIndex={-1}>
                  {t(`firstRun.${current.key}`)}
                </h2>
                {step === 0 && (
                  <>
                    <p className="form-section__help">{t('firstRun.youIntro')}</p>
                    <LanguageField value={settings.language} onChange={onLanguageChange} />
                    <div className="form-row">
                      <TextInput label={t('settings.userName')} value={userName} onChange={setUserName} error={errors['userName']} isRequired autoComplete="name" name="userName" />
                      <TextInput label={t('settings.userRole')} description={t('settings.userRoleHelp')} value={userRole} onChange={setUserRole} name="userRole" />
                    </div>
                  </>
                )}
                {step === 1 && <p className="form-section__help">{t('firstRun.institutionIntro')}</p>}
                {step === 2 && <p className="form-section__help">{t('firstRun.peopleIntro')}</p>}
                {step > 0 && step < keyStep && <ProfileForm value={profile} onChange={setProfile} errors={errors} sections={current.sections} headingLevel={3} />}
                {step === keyStep && (
                  <>
                    <p className="form-section__help">{t('firstRun.keyIntro')}</p>
                    {osKeychain ? (
                      <p className="alert alert--info">{t('firstRun.keyKeychain')}</p>
                    ) : (
                      <>
                        <p className="form-section__help">{t('firstRun.keyPassphrase')}</p>
                        <PasswordInput label={t('keys.newPassphrase')} description={t('validation.passphrase')} value={passphrase} onChange={setPassphrase} error={errors['passphrase']} isRequired autoComplete="new-password" name="passphrase" />
                        <PasswordInput label={t('keys.repeatPassphrase')} value={repeat} onChange={setRepeat} error={errors['repeat']} isRequired autoComplete="new-password" name="repeat" />
                      </>
                    )}
                  </>
                )}
                <ErrorMessage error={failure} />
                <div className="form-actions">
                  {step > 0 && (
                    <Button variant="secondary" onPress={() => goTo(step - 1)} isDisabled={busy}>
                      {t('common.back')}
                    </Button>
                  )}
                  <Button variant="primary" type="submit" isDisabled={busy}>
                    {step === steps.length - 1 ? t('firstRun.finish') : t('common.next')}
                  </Button>
                </div>
              </Form>
            </>
          )}
        </Page>
      </div>
    </main>
  );
}
