/**
 * The signing key is protected by a passphrase on computers without a system keychain: signing
 * asks for it once per session.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './ErrorMessage';
import { FormDialog } from './FormDialog';
import { PasswordInput } from './PasswordInput';
import { api } from '../lib/api';

export function UnlockDialog({ onUnlocked, onClose }: { onUnlocked(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    const result = await api().keys.unlock({ passphrase });
    if (!result.ok) return setError(errorText(t, result.error));
    onUnlocked();
  };
  return (
    <FormDialog title={t('keys.unlockTitle')} intro={t('keys.unlockIntro')} submitLabel={t('keys.unlock')} isSubmitDisabled={!passphrase} onSubmit={submit} onClose={onClose}>
      <PasswordInput label={t('keys.passphrase')} value={passphrase} onChange={setPassphrase} error={error} isRequired autoComplete="current-password" />
    </FormDialog>
  );
}
