/**
 * The institution profile form, used at first run, for the own institution and for partners.
 * It is controlled: the parent owns the value and the errors, so the first-run wizard can show
 * some sections per step and validate just those.
 */
import { useTranslation } from 'react-i18next';
import type { InstitutionProfileInput } from '../../../shared/institution/schema';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { CountryField } from '../../components/CountryField';
import { TextInput } from '../../components/TextInput';
import type { FieldErrors } from '../../lib/validation';
import { useShowName } from '../../lib/format';

const profileSections = ['identity', 'codes', 'representative', 'qaContact', 'qaAgency'] as const;
export type ProfileSection = (typeof profileSections)[number];

/** Field paths of each section, so a step can be validated on its own. */
const sectionFields: Record<ProfileSection, string[]> = {
  identity: ['legalName', 'country', 'city', 'website'],
  codes: ['erasmusCode', 'oid', 'pic', 'schacCode'],
  representative: ['legalRepresentative.name', 'legalRepresentative.role', 'legalRepresentative.email'],
  qaContact: ['qaContact.name', 'qaContact.role', 'qaContact.email'],
  qaAgency: ['qaAgency.name', 'qaAgency.eqarRegistered'],
};

interface ProfileFormProps {
  value: InstitutionProfileInput;
  onChange(value: InstitutionProfileInput): void;
  errors: FieldErrors;
  sections?: readonly ProfileSection[];
  /** Headings inside the form start at this level (the page title is h1). */
  headingLevel?: 2 | 3;
}

export function ProfileForm({ value, onChange, errors, sections = profileSections, headingLevel = 2 }: ProfileFormProps) {
  const { t } = useTranslation();
  const showName = useShowName();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const set = <K extends keyof InstitutionProfileInput>(key: K, fieldValue: InstitutionProfileInput[K]) =>
    onChange({ ...value, [key]: fieldValue });
  const setPerson = (key: 'legalRepresentative' | 'qaContact', field: 'name' | 'role' | 'email', fieldValue: string) =>
    onChange({ ...value, [key]: { ...value[key], [field]: fieldValue } });

  return (
    <div className="profile-form">
      {sections.includes('identity') && (
        <fieldset className="form-section">
          <legend className="visually-hidden">{t('profile.identity')}</legend>
          <Heading className="form-section__title">{t('profile.identity')}</Heading>
          <TextInput
            label={t('profile.fields.legalName')}
            description={t('profile.fields.legalNameHelp')}
            value={value.legalName}
            onChange={(v) => set('legalName', v)}
            error={errors['legalName']}
            isRequired
            autoComplete="organization"
            name="legalName"
          />
          <div className="form-row">
            <CountryField
              label={t('profile.fields.country')}
              value={value.country}
              onChange={(v) => set('country', v as InstitutionProfileInput['country'])}
              error={errors['country']}
              isRequired
            />
            <TextInput label={t('profile.fields.city')} value={value.city} onChange={(v) => set('city', v)} error={errors['city']} isRequired name="city" />
          </div>
          <TextInput
            label={t('profile.fields.website')}
            value={value.website}
            onChange={(v) => set('website', v)}
            error={errors['website']}
            type="url"
            name="website"
            placeholder="https://"
          />
        </fieldset>
      )}

      {sections.includes('codes') && (
        <fieldset className="form-section">
          <legend className="visually-hidden">{t('profile.codes')}</legend>
          <Heading className="form-section__title">{t('profile.codes')}</Heading>
          <p className="form-section__help">{t('profile.codesHelp')}</p>
          <div className="form-row">
            <TextInput
              label={t('profile.fields.erasmusCode')}
              description={t('profile.fields.erasmusCodeHelp')}
              value={value.erasmusCode}
              onChange={(v) => set('erasmusCode', v)}
              error={errors['erasmusCode']}
              name="erasmusCode"
            />
            <TextInput
              label={t('profile.fields.schacCode')}
              description={t('profile.fields.schacCodeHelp')}
              value={value.schacCode}
              onChange={(v) => set('schacCode', v)}
              error={errors['schacCode']}
              name="schacCode"
            />
          </div>
          <div className="form-row">
            <TextInput
              label={t('profile.fields.oid')}
              description={t('profile.fields.oidHelp')}
              value={value.oid}
              onChange={(v) => set('oid', v)}
              error={errors['oid']}
              name="oid"
            />
            <TextInput
              label={t('profile.fields.pic')}
              description={t('profile.fields.picHelp')}
              value={value.pic}
              onChange={(v) => set('pic', v)}
              error={errors['pic']}
              name="pic"
            />
          </div>
        </fieldset>
      )}

      {(['representative', 'qaContact'] as const).map((section) => {
        if (!sections.includes(section)) return null;
        const key = section === 'representative' ? 'legalRepresentative' : 'qaContact';
        const title = t(section === 'representative' ? 'profile.representative' : 'profile.qaContact');
        return (
          <fieldset className="form-section" key={section}>
            <legend className="visually-hidden">{title}</legend>
            <Heading className="form-section__title">{title}</Heading>
            <div className="form-row form-row--three">
              <TextInput
                label={t('profile.fields.personName')}
                value={showName(value[key].name)}
                onChange={(v) => setPerson(key, 'name', v)}
                error={errors[`${key}.name`]}
                isRequired
                name={`${key}.name`}
              />
              <TextInput
                label={t('profile.fields.personRole')}
                value={value[key].role}
                onChange={(v) => setPerson(key, 'role', v)}
                error={errors[`${key}.role`]}
                name={`${key}.role`}
              />
              <TextInput
                label={t('profile.fields.personEmail')}
                value={value[key].email}
                onChange={(v) => setPerson(key, 'email', v)}
                error={errors[`${key}.email`]}
                type="email"
                isRequired={key === 'qaContact'}
                name={`${key}.email`}
              />
            </div>
          </fieldset>
        );
      })}

      {sections.includes('qaAgency') && (
        <fieldset className="form-section">
          <legend className="visually-hidden">{t('profile.qaAgency')}</legend>
          <Heading className="form-section__title">{t('profile.qaAgency')}</Heading>
          <TextInput
            label={t('profile.fields.agencyName')}
            description={t('profile.fields.agencyNameHelp')}
            value={value.qaAgency.name}
            onChange={(v) => onChange({ ...value, qaAgency: { ...value.qaAgency, name: v } })}
            error={errors['qaAgency.name']}
            name="qaAgency.name"
          />
          <ChoiceGroup
            label={t('profile.fields.eqarRegistered')}
            description={t('profile.fields.eqarRegisteredHelp')}
            value={value.qaAgency.eqarRegistered}
            options={[
              { value: 'yes', label: t('eqar.yes') },
              { value: 'no', label: t('eqar.no') },
              { value: 'unknown', label: t('eqar.unknown') },
            ]}
            onChange={(v) => onChange({ ...value, qaAgency: { ...value.qaAgency, eqarRegistered: v } })}
            error={errors['qaAgency.eqarRegistered']}
            name="qaAgency.eqarRegistered"
          />
        </fieldset>
      )}
    </div>
  );
}

/** Keeps only the errors of the given sections' fields. */
export function errorsOfSections(errors: FieldErrors, sections: readonly ProfileSection[]): FieldErrors {
  const fields = new Set(sections.flatMap((section) => sectionFields[section]));
  return Object.fromEntries(Object.entries(errors).filter(([path]) => fields.has(path)));
}

/** Moves keyboard focus to the first field with an error, so the user lands where to act. */
export function focusFirstError(container: HTMLElement | null): void {
  const invalid = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
}
