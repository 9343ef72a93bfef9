/**
 * The signing key is protected by a passphrase on computers without a system keychain: signing
 * asks for it once per session.
 */
import { useState } from 'react';
import { Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { errorText } from './ErrorMessage';
import { PasswordInput } from './PasswordInput';
import { api } from '../lib/api';

export function UnlockDialog({ onUnlocked, onClose }: { onUnlocked(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const result = await api().keys.unlock({ passphrase });
    setBusy(false);
    if (!result.ok) return setError(errorText(t, result.error));
    onUnlocked();
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('keys.unlockTitle')}
          </Heading>
          <p className="muted">{t('keys.unlockIntro')}</p>
          <Form
            validationBehavior="aria"
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <PasswordInput label={t('keys.passphrase')} value={passphrase} onChange={setPassphrase} error={error} isRequired autoComplete="current-password" />
            <div className="dialog__actions">
              <Button onPress={onClose}>{t('common.cancel')}</Button>
              <Button variant="primary" type="submit" isDisabled={busy || !passphrase}>
                {t('keys.unlock')}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
