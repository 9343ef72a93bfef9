/**
 * The agreement's text where officers and lawyers change it: title, signatories, the scope of the
 * cooperation, and every clause. Saved on request, not as one types: a signed text changes only
 * when someone means it to, after being told that the signatures will no longer cover it.
 */
import { Fragment, useMemo, useState } from 'react';
import { Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AgreementScope } from '../../../shared/agreement/content';
import type { AgreementView } from '../../../shared/agreement/view';
import type { FieldIssue } from '../../../shared/errors';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { NumberInput } from '../../components/NumberInput';
import { TextInput } from '../../components/TextInput';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';

interface ClauseDraft {
  id: string;
  heading: string;
  text: string;
}

interface Draft {
  title: string;
  signatories: { A: { name: string; role: string }; B: { name: string; role: string } };
  scope: AgreementScope;
  commitments: string;
  clauses: ClauseDraft[];
}

const criterionPattern = /^[A-Z]{2,4}-\d{2}$/;

function draftOf(view: AgreementView): Draft {
  const { content } = view.agreement;
  return {
    title: content.title,
    signatories: { A: { ...content.parties.A.signatory }, B: { ...content.parties.B.signatory } },
    scope: { ...content.scope, eqfLevels: [...content.scope.eqfLevels] },
    commitments: content.scope.qualityCommitments.join(', '),
    clauses: content.clauses.map(({ id, heading, text }) => ({ id, heading, text })),
  };
}

function commitmentsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((part) => part.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export function AgreementEditor({ view, onSaved, readOnly = false }: { view: AgreementView; onSaved(view: AgreementView): void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const run = useAction();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [base, setBase] = useState(view);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  // A new view from the outside (signed, received) replaces the form when nothing is pending.
  if (base !== view) {
    setBase(view);
    setDraft(draftOf(view));
  }
  const original = useMemo(() => JSON.stringify(draftOf(view)), [view]);
  const dirty = JSON.stringify(draft) !== original;
  const { content } = view.agreement;
  const edited = new Map(content.clauses.map((clause) => [clause.id, clause.edited]));
  const models = new Map(view.templateClauses.map((clause) => [clause.id, clause]));
  const signed = view.signatures.some((signature) => signature.coversContent);

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const setScope = (patch: Partial<AgreementScope>) => setDraft((current) => ({ ...current, scope: { ...current.scope, ...patch } }));
  const setClause = (index: number, patch: Partial<ClauseDraft>) =>
    setDraft((current) => ({ ...current, clauses: current.clauses.map((clause, i) => (i === index ? { ...clause, ...patch } : clause)) }));
  const issue = (path: string) => {
    const found = issues.find((candidate) => candidate.path === path);
    return found ? t(found.message, { defaultValue: found.message }) : undefined;
  };

  const localIssues = (): FieldIssue[] => {
    const found: FieldIssue[] = [];
    if (!draft.title.trim()) found.push({ path: 'title', message: 'validation.required' });
    for (const side of ['A', 'B'] as const) if (!draft.signatories[side].name.trim()) found.push({ path: `signatories.${side}.name`, message: 'validation.required' });
    if (draft.scope.ectsMin > draft.scope.ectsMax) found.push({ path: 'scope.ectsMax', message: 'agreement.ectsOrder' });
    if (!draft.scope.eqfLevels.length) found.push({ path: 'scope.eqfLevels', message: 'validation.required' });
    const wrong = commitmentsOf(draft.commitments).filter((id) => !criterionPattern.test(id));
    if (wrong.length) found.push({ path: 'scope.qualityCommitments', message: t('agreement.commitmentsInvalid', { ids: wrong.join(', ') }) });
    draft.clauses.forEach((clause, index) => {
      if (!clause.heading.trim()) found.push({ path: `clauses.${index}.heading`, message: 'validation.required' });
      if (!clause.text.trim()) found.push({ path: `clauses.${index}.text`, message: 'validation.required' });
    });
    return found;
  };

  const save = async () => {
    setConfirming(false);
    const found = localIssues();
    setIssues(found);
    if (found.length) return notify(t('agreement.fixFields'), 'error');
    setSaving(true);
    const result = await run(() =>
      api().agreements.update({
        id: view.agreement.id,
        edit: {
          title: draft.title,
          signatories: draft.signatories,
          scope: { ...draft.scope, qualityCommitments: commitmentsOf(draft.commitments) },
          clauses: draft.clauses,
        },
      }),
    );
    setSaving(false);
    if (!result.ok) return setIssues(result.error.issues ?? []);
    notify(t('agreement.saved'), 'success');
    onSaved(result.value);
  };

  const refreshConditions = async () => {
    const result = await run(() => api().agreements.refreshConditions({ id: view.agreement.id }));
    if (!result.ok) return;
    onSaved(result.value);
  };

  if (readOnly) return <SignedText view={view} />;

  return (
    <form
      className="stack agreement-editor"
      aria-labelledby="agreement-text-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (signed) setConfirming(true);
        else void save();
      }}
    >
      <h2 id="agreement-text-title" className="visually-hidden">
        {t('agreement.text')}
      </h2>
      <section className="card stack" aria-labelledby="agreement-parties-title">
        <h3 id="agreement-parties-title">{t('agreement.partiesTitle')}</h3>
        <TextInput label={t('agreement.title')} value={draft.title} onChange={(title) => set({ title })} isRequired error={issue('title')} name="title" />
        <div className="form-row">
          {(['A', 'B'] as const).map((side) => (
            <fieldset key={side} className="fieldset">
              <legend>{t('agreement.signatoryOf', { institution: content.parties[side].legalName })}</legend>
              <TextInput
                label={t('agreement.signatoryName')}
                value={draft.signatories[side].name}
                onChange={(name) => set({ signatories: { ...draft.signatories, [side]: { ...draft.signatories[side], name } } })}
                isRequired
                error={issue(`signatories.${side}.name`)}
                name={`signatory${side}Name`}
              />
              <TextInput
                label={t('agreement.signatoryRole')}
                value={draft.signatories[side].role}
                onChange={(role) => set({ signatories: { ...draft.signatories, [side]: { ...draft.signatories[side], role } } })}
                name={`signatory${side}Role`}
              />
            </fieldset>
          ))}
        </div>
      </section>

      <section className="card stack" aria-labelledby="agreement-scope-title">
        <h3 id="agreement-scope-title">{t('agreement.scopeTitle')}</h3>
        <Checkbox className="checkbox" isSelected={draft.scope.mutualRecognition} onChange={(mutualRecognition) => setScope({ mutualRecognition })}>
          <span className="checkbox__box" aria-hidden="true" />
          {t('agreement.mutualRecognition')}
        </Checkbox>
        <TextInput label={t('agreement.fields')} description={t('agreement.fieldsHelp')} value={draft.scope.fields} onChange={(fields) => setScope({ fields })} multiline rows={2} name="fields" />
        <div className="form-row">
          <NumberInput label={t('agreement.ectsMin')} value={draft.scope.ectsMin} onChange={(ectsMin) => setScope({ ectsMin })} min={0} max={60} step={0.5} name="ectsMin" error={issue('scope.ectsMin')} />
          <NumberInput label={t('agreement.ectsMax')} value={draft.scope.ectsMax} onChange={(ectsMax) => setScope({ ectsMax })} min={0} max={60} step={0.5} name="ectsMax" error={issue('scope.ectsMax')} />
        </div>
        <CheckboxGroup
          className="field checkbox-row"
          value={draft.scope.eqfLevels.map(String)}
          onChange={(values) => setScope({ eqfLevels: values.map(Number).sort((x, y) => x - y) })}
          isInvalid={Boolean(issue('scope.eqfLevels'))}
        >
          <Label className="field__label">{t('agreement.eqfLevels')}</Label>
          <div className="checkbox-row__items">
            {[1, 2, 3, 4, 5, 6, 7, 8].map((level) => (
              <Checkbox key={level} value={String(level)} className="checkbox">
                <span className="checkbox__box" aria-hidden="true" />
                {t('agreement.eqfLevel', { level })}
              </Checkbox>
            ))}
          </div>
          {issue('scope.eqfLevels') && <p className="field__error">{issue('scope.eqfLevels')}</p>}
        </CheckboxGroup>
        <TextInput
          label={t('agreement.commitments')}
          description={t('agreement.commitmentsHelp')}
          value={draft.commitments}
          onChange={(commitments) => set({ commitments })}
          error={issue('scope.qualityCommitments')}
          name="commitments"
        />
        <Checkbox className="checkbox" isSelected={draft.scope.jointControllers} onChange={(jointControllers) => setScope({ jointControllers })}>
          <span className="checkbox__box" aria-hidden="true" />
          {t('agreement.jointControllers')}
        </Checkbox>
        <div className="form-row">
          <NumberInput label={t('agreement.reviewCycle')} value={draft.scope.reviewCycleMonths} onChange={(reviewCycleMonths) => setScope({ reviewCycleMonths })} min={1} max={120} name="reviewCycle" />
          <NumberInput label={t('agreement.duration')} value={draft.scope.durationYears} onChange={(durationYears) => setScope({ durationYears })} min={1} max={20} name="duration" />
          <NumberInput label={t('agreement.notice')} value={draft.scope.terminationNoticeMonths} onChange={(terminationNoticeMonths) => setScope({ terminationNoticeMonths })} min={1} max={60} name="notice" />
        </div>
      </section>

      <section className="card stack" aria-labelledby="agreement-conditions-title">
        <h3 id="agreement-conditions-title">{t('agreement.conditionsTitle')}</h3>
        {content.conditions.length === 0 ? (
          <p className="muted">{t('agreement.noConditions')}</p>
        ) : (
          <ul>
            {content.conditions.map((condition) => (
              <li key={condition.actionId}>
                <strong>{content.parties[condition.side].legalName}</strong>: {condition.text}
                {condition.criterionId && <span className="mono"> ({condition.criterionId})</span>}
                {condition.dueDate && <span className="muted"> — {t('agreement.dueBy', { date: condition.dueDate })}</span>}
              </li>
            ))}
          </ul>
        )}
        {view.agreement.ownSide === 'A' && view.partnership && (
          <div>
            <Button onPress={() => void refreshConditions()}>{t('agreement.refreshConditions')}</Button>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="agreement-clauses-title">
        <h3 id="agreement-clauses-title">{t('agreement.clausesTitle')}</h3>
        <p className="muted">{t('agreement.clausesHelp')}</p>
        {draft.clauses.map((clause, index) => {
          const model = models.get(clause.id);
          const isEdited = edited.get(clause.id) ?? true;
          return (
            <section key={clause.id} className="card stack clause-card" aria-label={t('agreement.clauseNumber', { number: index + 1, heading: clause.heading })}>
              <div className="section-header">
                <span className="muted">{t('agreement.clauseLabel', { number: index + 1 })}</span>
                <span className={`badge ${isEdited ? 'badge--draft' : 'badge--retired'}`}>{t(model ? (isEdited ? 'agreement.edited' : 'agreement.modelText') : 'agreement.added')}</span>
              </div>
              <TextInput label={t('agreement.clauseHeading')} value={clause.heading} onChange={(heading) => setClause(index, { heading })} isRequired error={issue(`clauses.${index}.heading`)} name={`clause-${clause.id}-heading`} />
              <TextInput label={t('agreement.clauseText')} value={clause.text} onChange={(text) => setClause(index, { text })} isRequired multiline rows={Math.min(14, Math.max(4, clause.text.split('\n').length + 2))} error={issue(`clauses.${index}.text`)} name={`clause-${clause.id}-text`} />
              <div className="button-row">
                {model && (model.text !== clause.text || model.heading !== clause.heading) && (
                  <Button onPress={() => setClause(index, { heading: model.heading, text: model.text })}>{t('agreement.restoreModel')}</Button>
                )}
                <Button
                  variant="danger"
                  onPress={() => setDraft((current) => ({ ...current, clauses: current.clauses.filter((_, i) => i !== index) }))}
                  isDisabled={draft.clauses.length <= 1}
                >
                  {t('agreement.removeClause')}
                </Button>
              </div>
            </section>
          );
        })}
        <div>
          <Button
            onPress={() =>
              setDraft((current) => {
                const taken = new Set(current.clauses.map((clause) => clause.id));
                let n = 1;
                while (taken.has(`custom-${n}`)) n += 1;
                return { ...current, clauses: [...current.clauses, { id: `custom-${n}`, heading: '', text: '' }] };
              })
            }
          >
            {t('agreement.addClause')}
          </Button>
        </div>
      </section>

      <div className={`sticky-actions${dirty ? ' sticky-actions--pending' : ''}`}>
        <span className="muted" role="status">
          {dirty ? t('agreement.unsaved') : t('agreement.noChanges')}
        </span>
        <Button onPress={() => setDraft(draftOf(view))} isDisabled={!dirty || saving}>
          {t('agreement.discard')}
        </Button>
        <Button variant="primary" type="submit" isDisabled={!dirty || saving}>
          {saving ? t('common.saving') : t('agreement.save')}
        </Button>
      </div>

      <ConfirmDialog isOpen={confirming} title={t('agreement.saveSignedTitle')} confirmLabel={t('agreement.saveSigned')} destructive onConfirm={() => void save()} onCancel={() => setConfirming(false)}>
        <p>{t('agreement.saveSignedBody')}</p>
      </ConfirmDialog>
    </form>
  );
}

/**
 * A signed text, shown as it was signed: nothing to edit. Changing it takes an amendment (the
 * "Amend…" action on the agreement), so a signature is never silently left behind by an edit.
 */
function SignedText({ view }: { view: AgreementView }) {
  const { t } = useTranslation();
  const { content } = view.agreement;
  return (
    <section className="stack agreement-signed-text" aria-labelledby="agreement-text-title" data-testid="agreement-signed-text">
      <h2 id="agreement-text-title" className="visually-hidden">
        {t('agreement.text')}
      </h2>
      <p className="alert alert--info">{t('agreement.readOnlySigned')}</p>
      <section className="card stack" aria-labelledby="agreement-parties-title">
        <h3 id="agreement-parties-title">{t('agreement.partiesTitle')}</h3>
        <dl className="agreement-signed-text__parties">
          <dt>{t('agreement.title')}</dt>
          <dd>{content.title}</dd>
          {(['A', 'B'] as const).map((side) => (
            <Fragment key={side}>
              <dt>{t('agreement.signatoryOf', { institution: content.parties[side].legalName })}</dt>
              <dd>{[content.parties[side].signatory.name, content.parties[side].signatory.role].filter(Boolean).join(', ')}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <section className="card stack" aria-labelledby="agreement-clauses-title">
        <h3 id="agreement-clauses-title">{t('agreement.clausesTitle')}</h3>
        {content.clauses.map((clause) => (
          <div key={clause.id}>
            <h4>{clause.heading}</h4>
            <p className="agreement-signed-text__clause">{clause.text}</p>
          </div>
        ))}
      </section>
    </section>
  );
}
