/**
 * The Excel questionnaire for a partner that does not use TrustBridge: the partner fills it in and
 * sends it back; importing it creates the partner's self-assessment.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { frameworkTitle } from '../../../shared/framework/catalog';
import { languages, type Language } from '../../../shared/framework/schema';
import type { InstitutionListItem } from '../../../shared/ipc/contract';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/ExportDialog';
import { SelectField } from '../../components/SelectField';
import { defaultFrameworkFor } from '../../../shared/framework/guide2';
import { api } from '../../lib/api';
import { useUiLanguage } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';

export function QuestionnaireDialog({ partner, onClose }: { partner: InstitutionListItem; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const frameworks = useResource(() => api().frameworks.list(), []);
  const published = (frameworks.data ?? []).filter((item) => item.status === 'published');
  const [frameworkKey, setFrameworkKey] = useState('');
  const [language, setLanguage] = useState<Language>(useUiLanguage());
  const run = useAction();
  const framework = published.find((item) => item.key === frameworkKey) ?? defaultFrameworkFor(published, language);

  const save = async () => {
    if (!framework) return;
    const result = await run(() => api().exports.questionnaire({ partnerId: partner.id, frameworkKey: framework.key, language }));
    if (!result.ok || !result.value) return;
    onClose();
    notifySaved(t, result.value.path);
  };

  return (
    <FormDialog
      title={t('questionnaire.title', { name: partner.legalName })}
      intro={t('questionnaire.intro')}
      submitLabel={t('questionnaire.save')}
      busyLabel={t('exports.working')}
      isSubmitDisabled={!framework}
      onSubmit={save}
      onClose={onClose}
    >
      <SelectField label={t('guide.framework')} value={framework?.key ?? ''} options={published.map((item) => ({ value: item.key, label: `${frameworkTitle(item, i18n.language)} ${item.version}` }))} onChange={setFrameworkKey} name="framework" />
      <SelectField<Language>
        label={t('questionnaire.language')}
        value={language}
        options={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        onChange={setLanguage}
        name="questionnaireLanguage"
      />
    </FormDialog>
  );
}
