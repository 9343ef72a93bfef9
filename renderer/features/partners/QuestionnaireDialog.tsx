/**
 * The Excel questionnaire for a partner that does not use TrustBridge: the partner fills it in and
 * sends it back; importing it creates the partner's self-assessment.
 */
import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { frameworkTitle } from '../../../shared/framework/catalog';
import { languages, type Language } from '../../../shared/framework/schema';
import type { InstitutionListItem } from '../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { errorText } from '../../components/ErrorMessage';
import { notifySaved } from '../../components/ExportDialog';
import { SelectField } from '../../components/SelectField';
import { notify } from '../../components/Toasts';
import { defaultFrameworkFor } from '../../../shared/framework/guide2';
import { api } from '../../lib/api';
import { useUiLanguage } from '../../lib/format';
import { useResource } from '../../lib/use-resource';

export function QuestionnaireDialog({ partner, onClose }: { partner: InstitutionListItem; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const frameworks = useResource(() => api().frameworks.list(), []);
  const published = (frameworks.data ?? []).filter((item) => item.status === 'published');
  const [frameworkKey, setFrameworkKey] = useState('');
  const [language, setLanguage] = useState<Language>(useUiLanguage());
  const [busy, setBusy] = useState(false);
  const framework = published.find((item) => item.key === frameworkKey) ?? defaultFrameworkFor(published, language);

  const save = async () => {
    if (!framework) return;
    setBusy(true);
    const result = await api().exports.questionnaire({ partnerId: partner.id, frameworkKey: framework.key, language });
    setBusy(false);
    if (!result.ok) return notify(errorText(t, result.error), 'error');
    if (!result.value) return;
    onClose();
    notifySaved(t, result.value.path);
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('questionnaire.title', { name: partner.legalName })}
          </Heading>
          <p className="muted">{t('questionnaire.intro')}</p>
          <SelectField label={t('guide.framework')} value={framework?.key ?? ''} options={published.map((item) => ({ value: item.key, label: `${frameworkTitle(item, i18n.language)} ${item.version}` }))} onChange={setFrameworkKey} name="framework" />
          <SelectField<Language>
            label={t('questionnaire.language')}
            value={language}
            options={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            onChange={setLanguage}
            name="questionnaireLanguage"
          />
          <div className="dialog__actions">
            <Button onPress={onClose}>{t('common.cancel')}</Button>
            <Button variant="primary" onPress={() => void save()} isDisabled={busy || !framework}>
              {busy ? t('exports.working') : t('questionnaire.save')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
