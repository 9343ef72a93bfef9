/**
 * The coordinator's dialogs for one colleague: who they are (name, role, e-mail), what they are
 * asked to rate (whole dimensions or single criteria; a criterion already given to someone else
 * says so, which makes double rating a deliberate choice), and the request file to send them.
 */
import { useState } from 'react';
import { Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/errors';
import { languages, type Language } from '../../../../shared/framework/schema';
import type { ContributorView, TeamView } from '../../../../shared/team/view';
import { Button } from '../../../components/Button';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { DialogFrame } from '../../../components/DialogFrame';
import { errorText } from '../../../components/ErrorMessage';
import { FormDialog } from '../../../components/FormDialog';
import { SelectField } from '../../../components/SelectField';
import { TextInput } from '../../../components/TextInput';
import { useUiLanguage } from '../../../lib/format';

interface ContributorInputValue {
  name: string;
  role: string;
  email: string;
}

/** Adding a colleague or changing their name, role and e-mail. */
export function ContributorDialog({
  contributor,
  onSave,
  onClose,
}: {
  contributor?: ContributorView;
  /** Resolves to an error to show, or nothing when saved. */
  onSave(input: ContributorInputValue): Promise<AppErrorData | undefined>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState<ContributorInputValue>({ name: contributor?.name ?? '', role: contributor?.role ?? '', email: contributor?.email ?? '' });
  const [error, setError] = useState<AppErrorData>();
  const [nameMissing, setNameMissing] = useState(false);
  const save = async () => {
    if (input.name.trim() === '') return setNameMissing(true);
    const failure = await onSave({ name: input.name.trim(), role: input.role.trim(), email: input.email.trim() });
    if (failure) setError(failure);
    else onClose();
  };
  const issue = (field: string) => error?.issues?.find((item) => item.path === field || item.path.endsWith(`.${field}`));
  return (
    <FormDialog
      title={t(contributor ? 'team.contributors.editTitle' : 'team.contributors.addTitle')}
      submitLabel={t(contributor ? 'common.save' : 'team.contributors.add')}
      error={error && !error.issues?.length ? error : undefined}
      onSubmit={save}
      onClose={onClose}
    >
      <TextInput
        label={t('team.contributors.name')}
        value={input.name}
        onChange={(name) => {
          setNameMissing(false);
          setInput({ ...input, name });
        }}
        isRequired
        autoComplete="off"
        error={nameMissing ? t('validation.required') : issue('name') ? t(issue('name')!.message) : undefined}
      />
      <TextInput label={t('team.contributors.role')} description={t('team.contributors.roleHelp')} value={input.role} onChange={(role) => setInput({ ...input, role })} autoComplete="off" />
      <TextInput
        label={t('team.contributors.email')}
        type="email"
        value={input.email}
        onChange={(email) => setInput({ ...input, email })}
        autoComplete="off"
        error={issue('email') ? t(issue('email')!.message) : undefined}
      />
    </FormDialog>
  );
}

/** What one colleague is asked to rate: whole dimensions and single criteria. */
export function AssignDialog({
  view,
  contributor,
  onSave,
  onClose,
}: {
  view: TeamView;
  contributor: ContributorView;
  onSave(assignment: { dimensions: string[]; criteria: string[] }): Promise<AppErrorData | undefined>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [dimensions, setDimensions] = useState<string[]>(contributor.assignment.dimensions);
  const [criteria, setCriteria] = useState<string[]>(contributor.assignment.criteria);
  const [error, setError] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);
  const names = new Map(view.contributors.map((other) => [other.id, other.name]));
  const others = (criterionId: string) =>
    (view.criteria.find((criterion) => criterion.criterionId === criterionId)?.assignedTo ?? []).filter((id) => id !== contributor.id).map((id) => names.get(id) ?? id);
  const count = new Set([...view.dimensions.filter((dimension) => dimensions.includes(dimension.id)).flatMap((dimension) => dimension.criteria.map((criterion) => criterion.id)), ...criteria]).size;
  const save = async () => {
    setBusy(true);
    // Criteria inside a whole dimension are covered by it; only the others are kept one by one.
    const covered = new Set(view.dimensions.filter((dimension) => dimensions.includes(dimension.id)).flatMap((dimension) => dimension.criteria.map((criterion) => criterion.id)));
    const failure = await onSave({ dimensions, criteria: criteria.filter((id) => !covered.has(id)) });
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };
  return (
    <DialogFrame title={t('team.assign.title', { name: contributor.name })} onClose={onClose} wide>
      <p className="muted">{t('team.assign.intro')}</p>
      {/* A long list scrolls inside the dialog; the region is focusable so it scrolls by keyboard too. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="team-assign stack" tabIndex={0} role="region" aria-label={t('team.assign.list')}>
        {view.dimensions.map((dimension) => {
          const whole = dimensions.includes(dimension.id);
          return (
            <fieldset key={dimension.id} className="team-assign__dimension">
              <legend className="visually-hidden">
                {dimension.id} · {dimension.title}
              </legend>
              <Checkbox
                className="checkbox team-assign__whole"
                isSelected={whole}
                onChange={(selected) => setDimensions((current) => (selected ? [...current, dimension.id] : current.filter((id) => id !== dimension.id)))}
              >
                <span className="checkbox__box" aria-hidden="true" />
                {t('team.assign.wholeDimension', { id: dimension.id, title: dimension.title, count: dimension.criteria.length })}
              </Checkbox>
              <CheckboxGroup
                className="team-assign__criteria"
                value={whole ? dimension.criteria.map((criterion) => criterion.id) : criteria}
                onChange={(selected) => setCriteria((current) => [...current.filter((id) => !dimension.criteria.some((criterion) => criterion.id === id)), ...selected.filter((id) => dimension.criteria.some((criterion) => criterion.id === id))])}
                isDisabled={whole}
              >
                <Label className="visually-hidden">{t('team.assign.criteriaOf', { id: dimension.id })}</Label>
                {dimension.criteria.map((criterion) => {
                  const also = others(criterion.id);
                  return (
                    <Checkbox key={criterion.id} value={criterion.id} className="checkbox">
                      <span className="checkbox__box" aria-hidden="true" />
                      <span>
                        {criterion.id} · {criterion.title}
                        {also.length > 0 && <span className="muted small block">{t('team.assign.alsoAssigned', { names: also.join(', ') })}</span>}
                      </span>
                    </Checkbox>
                  );
                })}
              </CheckboxGroup>
            </fieldset>
          );
        })}
      </div>
      <p aria-live="polite">{t('team.assign.count', { count })}</p>
      {error && (
        <p className="alert alert--error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <div className="dialog__actions">
        <Button onPress={onClose}>{t('common.cancel')}</Button>
        <Button variant="primary" onPress={() => void save()} isDisabled={busy}>
          {t('team.assign.save')}
        </Button>
      </div>
    </DialogFrame>
  );
}

export type RequestFormat = 'trustbridge' | 'workbook';

/** Which file the colleague gets: a signed request for TrustBridge, or the Excel questionnaire. */
export function ExportRequestDialog({
  contributor,
  onExport,
  onClose,
}: {
  contributor: ContributorView;
  onExport(format: RequestFormat, language: Language): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<RequestFormat>('trustbridge');
  const [language, setLanguage] = useState<Language>(useUiLanguage());
  const [busy, setBusy] = useState(false);
  return (
    <DialogFrame title={t('team.export.title', { name: contributor.name })} onClose={onClose}>
      <div className="stack">
        <p className="muted">{t('team.export.criteria', { count: contributor.assignedCriteria.length })}</p>
        <ChoiceGroup<RequestFormat>
          label={t('team.export.format')}
          value={format}
          orientation="vertical"
          options={[
            { value: 'trustbridge', label: t('team.export.signed') },
            { value: 'workbook', label: t('team.export.workbook') },
          ]}
          onChange={setFormat}
          description={t(format === 'trustbridge' ? 'team.export.signedHelp' : 'team.export.workbookHelp')}
        />
        <SelectField<Language> label={t('team.export.language')} value={language} options={languages.map((value) => ({ value, label: t(`languages.${value}`) }))} onChange={setLanguage} />
        <div className="dialog__actions">
          <Button onPress={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            isDisabled={busy || contributor.assignedCriteria.length === 0}
            onPress={() => void (async () => {
              setBusy(true);
              await onExport(format, language);
              setBusy(false);
            })()}
          >
            {t('team.export.save')}
          </Button>
        </div>
      </div>
    </DialogFrame>
  );
}
