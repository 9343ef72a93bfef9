/**
 * Choosing what to export and in which language: the report language is independent of the
 * interface language (a Spanish office may report to a German partner in German).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/errors';
import { languages, type Language } from '../../shared/framework/schema';
import type { RequestOf } from '../../shared/ipc/contract';
import { useApp } from '../app/app-context';
import { UnlockDialog } from './UnlockDialog';
import { needsUnlock } from '../lib/signing';
import { api } from '../lib/api';
import { useUiLanguage } from '../lib/format';
import { useAction } from '../lib/use-action';
import { Button } from './Button';
import { DialogFrame } from './DialogFrame';
import { SelectField } from './SelectField';
import { notify } from './Toasts';

interface ExportChoice {
  id: string;
  label: string;
  run(language: Language): Promise<Result<{ path: string } | null>>;
}

/**
 * The signed exchange file of what a screen shows and, once a shared folder is set, the same file
 * written there for the consortium: the two choices every exportable item offers.
 */
export function useExchangeChoices(selection: RequestOf<'exchange.export'>): ExportChoice[] {
  const { t } = useTranslation();
  const { sharedFolder } = useApp().settings;
  return [
    { id: 'exchange', label: t('exports.exchange'), run: () => api().exchange.export(selection) },
    ...(sharedFolder ? [{ id: 'publish', label: t('exports.publish'), run: () => api().exchange.publish(selection) }] : []),
  ];
}

/** Tells where the file went, with a button to show it in the file manager. */
export function notifySaved(t: (key: string, options?: Record<string, unknown>) => string, path: string): void {
  notify(t('exports.saved', { path }), 'success', { label: t('exports.showInFolder'), onAction: () => void api().files.showInFolder({ path }) });
}

export function ExportDialog({ title, intro, choices, onClose }: { title: string; intro?: string; choices: ExportChoice[]; onClose(): void }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Language>(useUiLanguage());
  const [busy, setBusy] = useState<string>();
  const [unlockFor, setUnlockFor] = useState<ExportChoice>();
  const act = useAction();

  const run = async (choice: ExportChoice) => {
    setBusy(choice.id);
    const result = await act(() => choice.run(language), { handledHere: needsUnlock });
    setBusy(undefined);
    if (needsUnlock(result)) return setUnlockFor(choice);
    if (!result.ok) return;
    if (!result.value) return;
    onClose();
    notifySaved(t, result.value.path);
  };

  return (
    <DialogFrame title={title} onClose={onClose} actions={<Button onPress={onClose}>{t('common.close')}</Button>}>
      {intro && <p className="muted">{intro}</p>}
      <SelectField<Language>
        label={t('exports.language')}
        description={t('exports.languageHelp')}
        value={language}
        options={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        onChange={setLanguage}
        name="reportLanguage"
      />
      <div className="export-choices">
        {choices.map((choice) => (
          <Button key={choice.id} variant="primary" onPress={() => void run(choice)} isDisabled={busy !== undefined}>
            {busy === choice.id ? t('exports.working') : choice.label}
          </Button>
        ))}
      </div>
      {unlockFor && (
        <UnlockDialog
          onClose={() => setUnlockFor(undefined)}
          onUnlocked={() => {
            const choice = unlockFor;
            setUnlockFor(undefined);
            void run(choice);
          }}
        />
      )}
    </DialogFrame>
  );
}
