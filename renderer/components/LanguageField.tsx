import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../shared/framework/schema';
import { SelectField } from './SelectField';

/** The interface language: one of ours, or "same as the system" (null). */
export function LanguageField({ value, onChange }: { value: Language | null; onChange(language: Language | null): void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('settings.language')}
      value={value ?? 'system'}
      options={[{ value: 'system', label: t('settings.languageSystem') }, ...languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))]}
      onChange={(chosen) => onChange(chosen === 'system' ? null : (chosen as Language))}
      name="language"
    />
  );
}
