/**
 * The whole data folder in one archive (to keep, or to move TrustBridge to another computer), and
 * the persons named in it, as the GDPR asks of the institution: listed, exported, erased.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { notifySaved } from '../../components/ExportDialog';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { DataTable } from '../../components/DataTable';

export function DataCard() {
  const { t } = useTranslation();
  const run = useAction();
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState<{ dataDir: string; files: number }>();

  const backup = async () => {
    setBusy(true);
    const result = await run(() => api().data.backup());
    setBusy(false);
    if (!result.ok) return;
    if (result.value) notifySaved(t, result.value.path);
  };
  const restore = async () => {
    setBusy(true);
    const result = await run(() => api().data.restore());
    setBusy(false);
    if (!result.ok) return;
    if (result.value) setRestored(result.value);
  };

  return (
    <section className="card stack" aria-labelledby="settings-data">
      <h2 id="settings-data">{t('dataCard.title')}</h2>
      <p className="muted">{t('dataCard.intro')}</p>
      <div className="button-row">
        <Button onPress={() => void backup()} isDisabled={busy}>
          {t('dataCard.backup')}
        </Button>
        <Button onPress={() => void restore()} isDisabled={busy}>
          {t('dataCard.restore')}
        </Button>
      </div>
      {restored && (
        <div className="alert alert--info" role="status">
          <p>{t('dataCard.restored', { count: restored.files, folder: restored.dataDir })}</p>
          <p>
            {t('dataCard.openRestored')} <code className="mono break">{`--data-dir "${restored.dataDir}"`}</code>
          </p>
        </div>
      )}
    </section>
  );
}

export function PersonalDataCard() {
  const { t } = useTranslation();
  const run = useAction();
  const [persons, setPersons] = useState<PersonView[]>();
  const [erasing, setErasing] = useState<PersonView>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    const result = await run(() => api().personalData.list());
    setBusy(false);
    if (!result.ok) return;
    setPersons(result.value);
  };
  const exportList = async () => {
    const result = await run(() => api().personalData.export());
    if (!result.ok) return;
    if (result.value) notifySaved(t, result.value.path);
  };
  const erase = async (person: PersonView) => {
    setErasing(undefined);
    setBusy(true);
    const result = await run(() => api().personalData.erase({ key: person.key }));
    setBusy(false);
    if (!result.ok) return;
    const { placesChanged, documentsChanged, copiesChanged, remainingCopies } = result.value;
    notify(t('personalData.erased', { name: person.name, places: placesChanged, documents: documentsChanged, copies: copiesChanged }), remainingCopies.length ? 'error' : 'success');
    if (remainingCopies.length) notify(t('personalData.remaining', { files: remainingCopies.join(', ') }), 'error');
    void load();
  };

  return (
    <section className="card stack" aria-labelledby="settings-personal">
      <h2 id="settings-personal">{t('personalData.title')}</h2>
      <p className="muted">{t('personalData.intro')}</p>
      <div className="button-row">
        <Button onPress={() => void load()} isDisabled={busy}>
          {persons ? t('personalData.reload') : t('personalData.show')}
        </Button>
        <Button onPress={() => void exportList()} isDisabled={busy}>
          {t('personalData.export')}
        </Button>
      </div>
      {persons && persons.length === 0 && <p className="muted">{t('personalData.none')}</p>}
      {persons && persons.length > 0 && (
        <DataTable
          label={t('personalData.title')}
          className="data-table--compact"
          rows={persons}
          rowKey={(person) => person.key}
          columns={[
            {
              id: 'name',
              header: t('personalData.columns.name'),
              isRowHeader: true,
              cell: (person) => (
                <>
                  {person.name}
                  {person.emails.length > 0 && <span className="muted small block">{person.emails.join(', ')}</span>}
                </>
              ),
            },
            {
              id: 'where',
              header: t('personalData.columns.where'),
              cell: (person) => (
                <>
                  {t('personalData.places', { count: person.places })}
                  <span className="muted small block">{person.documents.slice(0, 3).join('; ')}</span>
                </>
              ),
            },
            {
              id: 'actions',
              header: t('common.actions'),
              hideHeader: true,
              cell: (person) => (
                <Button variant="danger" onPress={() => setErasing(person)} isDisabled={busy} aria-label={t('personalData.eraseOne', { name: person.name })}>
                  {t('personalData.erase')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        isOpen={erasing !== undefined}
        title={t('personalData.eraseTitle', { name: erasing?.name ?? '' })}
        confirmLabel={t('personalData.erase')}
        destructive
        onCancel={() => setErasing(undefined)}
        onConfirm={() => void erase(erasing!)}
      >
        <p>{t('personalData.eraseBody', { count: erasing?.places ?? 0 })}</p>
      </ConfirmDialog>
    </section>
  );
}
