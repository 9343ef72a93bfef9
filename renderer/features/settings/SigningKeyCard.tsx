/**
 * The institution's signing key in Settings: how it is protected, its fingerprint (to read out to
 * partners), and its care: export the public key, back it up, restore it, replace it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/errors';
import type { KeyStatus } from '../../../shared/exchange/app';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/ExportDialog';
import { LinkButton } from '../../components/LinkButton';
import { PasswordInput } from '../../components/PasswordInput';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { Loaded } from '../../components/Page';
import { useResource } from '../../lib/use-resource';
import { toFieldErrors } from '../../lib/validation';

type Asking = { kind: 'create' | 'backup' | 'replace' | 'restore' };

export function SigningKeyCard() {
  const { t } = useTranslation();
  const run = useAction();
  const status = useResource(() => api().keys.status(), []);
  const [asking, setAsking] = useState<Asking>();
  const [replacing, setReplacing] = useState(false);
  const key = status.data;

  /** After a call run through useAction (which showed its error): the success, and the new status. */
  const after = (result: Result<unknown>, success: string) => {
    if (!result.ok) return false;
    if (result.value !== null) notify(success);
    status.reload();
    return true;
  };

  return (
    <section className="card" aria-labelledby="settings-key">
      <h2 id="settings-key">{t('keys.title')}</h2>
      <p className="muted">{t('keys.intro')}</p>
      {/* Loading, or the error with Try again: without the status the card offers nothing. */}
      <Loaded resource={status} />
      {key && !key.hasKey && (
        <Button variant="primary" onPress={() => (key.osKeychainAvailable ? void run(() => api().keys.create({})).then((r) => after(r, t('keys.created'))) : setAsking({ kind: 'create' }))}>
          {t('keys.create')}
        </Button>
      )}
      {key?.hasKey && (
        <>
          <dl className="facts">
            <dt>{t('keys.fingerprint')}</dt>
            <dd className="mono break">{key.displayFingerprint}</dd>
            <dt>{t('keys.code')}</dt>
            <dd className="mono">{key.verificationCode}</dd>
            <dt>{t('keys.protection')}</dt>
            <dd>{t(`keys.method.${key.method ?? 'passphrase'}`)}</dd>
            <dt>{t('keys.state')}</dt>
            <dd>{key.unlocked ? t('keys.unlocked') : t('keys.locked')}</dd>
            {key.retired > 0 && (
              <>
                <dt>{t('keys.retired')}</dt>
                <dd>{key.retired}</dd>
              </>
            )}
          </dl>
          <div className="button-row">
            <Button onPress={() => void run(() => api().keys.exportPublic()).then((r) => r.ok && r.value && notifySaved(t, r.value.path))}>{t('keys.exportPublic')}</Button>
            <Button onPress={() => setAsking({ kind: 'backup' })}>{t('keys.backup')}</Button>
            <Button onPress={() => setAsking({ kind: 'restore' })}>{t('keys.restore')}</Button>
            <Button onPress={() => setReplacing(true)}>{t('keys.replace')}</Button>
            <LinkButton href="/exchange/keys" variant="quiet">
              {t('keys.partnerKeys')}
            </LinkButton>
          </div>
        </>
      )}
      {asking && key && <PassphraseDialog asking={asking} status={key} onClose={() => setAsking(undefined)} onDone={(result, message) => after(result, message) && setAsking(undefined)} />}
      <ConfirmDialog
        isOpen={replacing}
        title={t('keys.replaceTitle')}
        confirmLabel={t('keys.replace')}
        destructive
        onCancel={() => setReplacing(false)}
        onConfirm={() => {
          setReplacing(false);
          if (key?.osKeychainAvailable) void run(() => api().keys.replace({})).then((r) => after(r, t('keys.replaced')));
          else setAsking({ kind: 'replace' });
        }}
      >
        <p>{t('keys.replaceBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function PassphraseDialog({ asking, status, onClose, onDone }: { asking: Asking; status: KeyStatus; onClose(): void; onDone(result: Result<unknown>, message: string): void }) {
  const { t } = useTranslation();
  const run = useAction();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [backupPassphrase, setBackupPassphrase] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const needsNew = asking.kind === 'backup' || !status.osKeychainAvailable;

  const submit = async () => {
    if (needsNew && passphrase !== repeat) return setErrors({ repeat: t('keys.passphrasesDiffer') });
    const call = (): Promise<Result<unknown>> =>
      asking.kind === 'create'
        ? api().keys.create({ passphrase })
        : asking.kind === 'replace'
          ? api().keys.replace({ passphrase })
          : asking.kind === 'backup'
            ? api().keys.backup({ passphrase })
            : api().keys.restore({ backupPassphrase, ...(needsNew ? { newPassphrase: passphrase } : {}) });
    // A refused passphrase is shown at its field, not as a toast.
    const result = await run(call, { handledHere: (failed) => !failed.ok && failed.error.issues !== undefined });
    if (!result.ok && result.error.issues) return setErrors(toFieldErrors(result.error.issues, t));
    onDone(result, t(`keys.done.${asking.kind}`));
  };

  return (
    <FormDialog title={t(`keys.ask.${asking.kind}`)} intro={t(`keys.askIntro.${asking.kind}`)} submitLabel={t(`keys.ask.${asking.kind}`)} onSubmit={submit} onClose={onClose}>
      {asking.kind === 'restore' && (
        <PasswordInput label={t('keys.backupPassphrase')} value={backupPassphrase} onChange={setBackupPassphrase} error={errors['backupPassphrase']} isRequired />
      )}
      {needsNew && (
        <>
          <PasswordInput
            label={asking.kind === 'backup' ? t('keys.backupPassphraseNew') : t('keys.newPassphrase')}
            description={t('validation.passphrase')}
            value={passphrase}
            onChange={setPassphrase}
            error={errors['passphrase'] ?? errors['newPassphrase']}
            isRequired
            autoComplete="new-password"
          />
          <PasswordInput label={t('keys.repeatPassphrase')} value={repeat} onChange={setRepeat} error={errors['repeat']} isRequired autoComplete="new-password" />
        </>
      )}
    </FormDialog>
  );
}
