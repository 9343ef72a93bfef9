import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/errors';
import type { FrameworkListItem } from '../../../shared/framework/catalog';
import type { Language } from '../../../shared/framework/schema';
import { FormDialog } from '../../components/FormDialog';
import { SelectField } from '../../components/SelectField';
import { TextInput } from '../../components/TextInput';
import { api } from '../../lib/api';
import { toFieldErrors, type FieldErrors } from '../../lib/validation';

/** Proposes the next minor version: 1.0 → 1.1, 1.2.3 → 1.3. */
function nextVersion(version: string): string {
  const [major = '1', minor = '0'] = version.split('.');
  return `${major}.${Number(minor) + 1}`;
}

export function CloneDialog({
  source,
  language,
  onClose,
  onCloned,
}: {
  source: FrameworkListItem;
  language: Language;
  onClose(): void;
  onCloned(item: FrameworkListItem): void;
}) {
  const { t } = useTranslation();
  const builtIn = source.origin === 'built-in';
  const [id, setId] = useState(builtIn ? '' : source.id);
  const [title, setTitle] = useState(builtIn ? '' : source.title);
  const [version, setVersion] = useState(builtIn ? '1.0' : nextVersion(source.version));
  const [cloneLanguage, setCloneLanguage] = useState<Language>(source.languages.includes(language) ? language : source.language);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();

  const submit = async () => {
    const result = await api().frameworks.clone({ key: source.key, language: cloneLanguage, id: id.trim(), title, version: version.trim() });
    if (result.ok) return onCloned(result.value);
    setFailure(result.error);
    setErrors(toFieldErrors(result.error.issues ?? [], t));
  };

  return (
    <FormDialog
      title={t('guide.cloneTitle', { title: source.title, version: source.version })}
      intro={t('guide.cloneIntro')}
      submitLabel={t('guide.cloneConfirm')}
      error={Object.keys(errors).length ? undefined : failure}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextInput label={t('guide.cloneName')} value={title} onChange={setTitle} error={errors['title']} isRequired name="title" />
      <TextInput label={t('guide.cloneId')} description={t('guide.cloneIdHelp')} value={id} onChange={setId} error={errors['id']} isRequired name="id" />
      <div className="form-row">
        <TextInput label={t('guide.version')} value={version} onChange={setVersion} error={errors['version']} isRequired name="version" />
        {source.languages.length > 1 && (
          <SelectField<Language>
            label={t('guide.language')}
            value={cloneLanguage}
            options={source.languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            onChange={setCloneLanguage}
            name="language"
          />
        )}
      </div>
    </FormDialog>
  );
}
