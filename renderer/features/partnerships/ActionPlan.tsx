/**
 * The action plan: what each side must do, linked to the guide's criteria, with owner, due date and
 * status. Conditions of the decision are marked: they become clauses of the agreement. Overdue items
 * stand out (in words, not only in colour).
 */
import { useState } from 'react';
import { DateField, DateInput, DateSegment, FieldError, Label, Checkbox } from 'react-aria-components';
import { parseDate, type CalendarDate } from '@internationalized/date';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../shared/framework/schema';
import { criteriaOf } from '../../../shared/framework/schema';
import { actionStatuses, type ActionItem, type ActionStatus, type Partnership } from '../../../shared/partnership/schema';
import { overdueActions } from '../../../shared/partnership/summary';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../components/ErrorMessage';
import { FormDialog } from '../../components/FormDialog';
import { SelectField } from '../../components/SelectField';
import { TextInput } from '../../components/TextInput';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { today } from '../../lib/dates';
import { toFieldErrors, type FieldErrors } from '../../lib/validation';
import { useFormat, useShowName } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { DataTable } from '../../components/DataTable';

type Draft = Omit<ActionItem, 'id'> & { id?: string };

const blank: Draft = { title: '', side: 'B', owner: '', status: 'open', isCondition: false, notes: '' };

export function ActionPlan({
  partnership,
  framework,
  institutions,
  onChanged,
}: {
  partnership: Partnership;
  framework: Framework | null;
  institutions: Record<'A' | 'B', string>;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const run = useAction();
  const showName = useShowName();
  const format = useFormat();
  const [editing, setEditing] = useState<Draft>();
  const [removing, setRemoving] = useState<ActionItem>();
  const overdue = new Set(overdueActions(partnership.actions, today()).map((action) => action.id));
  const titles = new Map(framework ? criteriaOf(framework).map((c) => [c.id, c.title] as const) : []);

  return (
    <section className="card stack" aria-labelledby="plan-title">
      <div className="section-header">
        <div>
          <h2 id="plan-title">{t('plan.title')}</h2>
          <p className="muted">{t('plan.intro')}</p>
        </div>
        <Button onPress={() => setEditing({ ...blank })}>{t('plan.add')}</Button>
      </div>
      {partnership.actions.length === 0 ? (
        <p className="muted">{t('plan.empty')}</p>
      ) : (
        <DataTable
          label={t('plan.title')}
          rows={partnership.actions}
          rowKey={(action) => action.id}
          rowClassName={(action) => (overdue.has(action.id) ? 'is-overdue' : undefined)}
          columns={[
            {
              id: 'action',
              header: t('plan.action'),
              isRowHeader: true,
              cell: (action) => (
                <>
                  {action.title}
                  {action.isCondition && <span className="badge badge--draft block-inline">{t('plan.condition')}</span>}
                </>
              ),
            },
            { id: 'criterion', header: t('history.criterion'), cell: (action) => (action.criterionId ? `${action.criterionId} ${titles.get(action.criterionId) ?? ''}` : '—') },
            {
              id: 'who',
              header: t('plan.who'),
              cell: (action) => (
                <>
                  {institutions[action.side]}
                  {action.owner && <span className="muted small block">{showName(action.owner)}</span>}
                </>
              ),
            },
            {
              id: 'due',
              header: t('plan.due'),
              cell: (action) => (
                <>
                  {action.dueDate ? format.day(action.dueDate) : '—'}
                  {overdue.has(action.id) && <span className="badge badge--critical block-inline">{t('plan.overdue')}</span>}
                </>
              ),
            },
            { id: 'status', header: t('plan.status'), cell: (action) => t(`plan.statuses.${action.status}`) },
            {
              id: 'buttons',
              header: t('common.actions'),
              hideHeader: true,
              className: 'data-table__actions',
              cell: (action) => (
                <>
                  <Button variant="quiet" onPress={() => setEditing(action)} aria-label={`${t('common.edit')}: ${action.title}`}>
                    {t('common.edit')}
                  </Button>
                  <Button variant="quiet" onPress={() => setRemoving(action)} aria-label={`${t('common.remove')}: ${action.title}`}>
                    {t('common.remove')}
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <ActionDialog
          draft={editing}
          framework={framework}
          institutions={institutions}
          onClose={() => setEditing(undefined)}
          onSave={async (draft) => {
            const result = await api().partnerships.saveAction({ id: partnership.id, action: draft });
            if (!result.ok) return toFieldErrors(result.error.issues ?? [{ path: 'title', message: errorText(t, result.error) }], t);
            setEditing(undefined);
            notify(t('plan.saved'));
            onChanged();
            return undefined;
          }}
        />
      )}
      <ConfirmDialog
        isOpen={removing !== undefined}
        title={t('plan.removeTitle', { title: removing?.title ?? '' })}
        confirmLabel={t('common.remove')}
        destructive
        onCancel={() => setRemoving(undefined)}
        onConfirm={() => {
          const target = removing!;
          setRemoving(undefined);
          void run(() => api().partnerships.removeAction({ id: partnership.id, actionId: target.id })).then((result) => result.ok && onChanged());
        }}
      >
        <p>{t('plan.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function ActionDialog({
  draft,
  framework,
  institutions,
  onClose,
  onSave,
}: {
  draft: Draft;
  framework: Framework | null;
  institutions: Record<'A' | 'B', string>;
  onClose(): void;
  onSave(draft: Draft): Promise<FieldErrors | undefined>;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<Draft>(draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<Draft>) => setValue((current) => ({ ...current, ...patch }));
  const criteria = framework ? criteriaOf(framework) : [];
  let due: CalendarDate | null = null;
  try {
    due = value.dueDate ? parseDate(value.dueDate) : null;
  } catch {
    due = null;
  }

  return (
    <FormDialog
      title={draft.id ? t('plan.edit') : t('plan.add')}
      submitLabel={t('common.save')}
      wide
      onClose={onClose}
      onSubmit={async () => {
        if (!value.title.trim()) return setErrors({ title: t('validation.required') });
        // onSave resolves to the field problems, or nothing; it reports its own failures.
        const problems = await onSave(value);
        if (problems) setErrors(problems);
      }}
    >
      <TextInput label={t('plan.action')} value={value.title} onChange={(title) => set({ title })} error={errors['action.title'] ?? errors['title']} isRequired name="title" />
      <div className="form-row">
        <SelectField
          label={t('history.criterion')}
          value={value.criterionId ?? ''}
          options={[{ value: '', label: t('plan.noCriterion') }, ...criteria.map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }))]}
          onChange={(criterionId) => setValue(({ criterionId: _old, ...rest }) => (criterionId ? { ...rest, criterionId } : rest))}
          name="criterion"
        />
        <ChoiceGroup<'A' | 'B'>
          label={t('plan.side')}
          value={value.side}
          options={[
            { value: 'A', label: institutions.A },
            { value: 'B', label: institutions.B },
          ]}
          onChange={(side) => set({ side })}
          orientation="vertical"
          name="side"
        />
      </div>
      <div className="form-row">
        <TextInput label={t('plan.owner')} value={value.owner} onChange={(owner) => set({ owner })} error={errors['action.owner']} name="owner" />
        <DateField
          className="field"
          value={due}
          onChange={(date) => setValue(({ dueDate: _old, ...rest }) => (date ? { ...rest, dueDate: date.toString() } : rest))}
          isInvalid={Boolean(errors['action.dueDate'])}
          validationBehavior="aria"
        >
          <Label className="field__label">{t('plan.due')}</Label>
          <DateInput className="field__input date-input">{(segment) => <DateSegment segment={segment} className="date-input__segment" />}</DateInput>
          <FieldError className="field__error">{errors['action.dueDate']}</FieldError>
        </DateField>
      </div>
      <div className="form-row">
        <SelectField<ActionStatus>
          label={t('plan.status')}
          value={value.status}
          options={actionStatuses.map((status) => ({ value: status, label: t(`plan.statuses.${status}`) }))}
          onChange={(status) => set({ status })}
          name="status"
        />
        <Checkbox className="checkbox" isSelected={value.isCondition} onChange={(isCondition) => set({ isCondition })}>
          <span className="checkbox__box" aria-hidden="true" />
          {t('plan.isCondition')}
        </Checkbox>
      </div>
      <TextInput label={t('plan.notes')} value={value.notes} onChange={(notes) => set({ notes })} multiline rows={3} name="notes" />
    </FormDialog>
  );
}
