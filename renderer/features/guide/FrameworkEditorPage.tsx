/**
 * Editing a consortium's draft framework: weights, critical flags, thresholds and wording; adding
 * and retiring criteria. Every change is saved a moment after typing stops; a change that makes the
 * framework invalid is shown on its field and not saved until it is fixed.
 *
 * Its text fields keep the text being typed themselves (`TypedTextInput`): a key press is saved as
 * typed but draws only its field, not the outline of every criterion, which the editor takes a
 * moment after typing pauses or when the field is left.
 */
import { useCallback, useState } from 'react';
import { Checkbox, Header, ListBox, ListBoxItem, ListBoxSection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { AppErrorData } from '../../../shared/errors';
import {
  criterionPath as pathOfCriterion,
  editorRanges,
  firstCriterionId,
  locateCriterion,
  newSource,
  withCriterionChanged,
  withCriterionRetired,
  withDimensionWeight,
  withNewCriterion,
} from '../../../shared/framework/editing';
import { sourceInstruments, type Criterion, type Framework, type SourceInstrument } from '../../../shared/framework/schema';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LinkButton } from '../../components/LinkButton';
import { NumberInput } from '../../components/NumberInput';
import { Page } from '../../components/Page';
import { SaveState } from '../../components/SaveState';
import { useAutosave } from '../../lib/use-autosave';
import { SelectField } from '../../components/SelectField';
import { TextInput, TypedTextInput } from '../../components/TextInput';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { toFieldErrors, type FieldErrors } from '../../lib/validation';

const saveDelayMs = 700;

export function FrameworkEditorPage() {
  const { key = '' } = useParams();
  // A new key is a new page: nothing edited in one draft is carried to another.
  return <FrameworkEditor key={key} frameworkKey={key} />;
}

/**
 * The page stays one Page from loading to editing, so its heading (focused by the layout after
 * navigation) is the same element once the draft is there.
 */
function FrameworkEditor({ frameworkKey }: { frameworkKey: string }) {
  const { t } = useTranslation();
  const loaded = useResource(() => api().frameworks.get({ key: frameworkKey }), [frameworkKey]);
  // The framework as edited here; until the first change, the one loaded.
  const [edited, setEdited] = useState<Framework>();
  const current = edited ?? loaded.data?.framework;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const [chosen, setSelected] = useState<string>();
  const selected = chosen ?? (current ? firstCriterionId(current) : '');
  const [retiring, setRetiring] = useState<string>();
  const navigate = useNavigate();
  const run = useAction();

  const store = useCallback(
    async (next: Framework) => {
      const result = await api().frameworks.updateDraft({ key: frameworkKey, framework: next });
      if (result.ok) {
        setErrors({});
        setFailure(undefined);
        return true;
      }
      setFailure(result.error);
      // Paths come back as "framework.dimensions.0…"; the fields know them without the prefix.
      setErrors(toFieldErrors((result.error.issues ?? []).map((issue) => ({ ...issue, path: issue.path.replace(/^framework\./, '') })), t));
      return false;
    },
    [frameworkKey, t],
  );
  const autosave = useAutosave(store, saveDelayMs);
  const status = autosave.status;

  const framework = loaded.data?.item.status === 'draft' ? current : undefined;
  if (!framework) {
    return (
      <Page title={current?.title ?? t('nav.guide')} resource={loaded}>
        {() => <p className="alert alert--info">{t('editor.notDraft')}</p>}
      </Page>
    );
  }

  const change = (next: Framework) => {
    setEdited(next);
    autosave.schedule(next);
  };
  /** A text field's props: each key saved as typed, the editor told once typing pauses. */
  const typedText = (next: (text: string) => Framework | undefined) => ({
    onType: (text: string) => {
      const framework = next(text);
      if (framework) autosave.schedule(framework);
    },
    onSettle: (text: string) => {
      const framework = next(text);
      if (framework) change(framework);
    },
  });

  const location = locateCriterion(framework, selected);

  const criterionWith = (patch: Partial<Omit<Criterion, 'id'>>) => (location ? withCriterionChanged(framework, selected, patch) : undefined);
  const updateCriterion = (patch: Partial<Omit<Criterion, 'id'>>) => {
    const next = criterionWith(patch);
    if (next) change(next);
  };

  const addCriterion = (dimensionIndex: number) => {
    const added = withNewCriterion(framework, dimensionIndex, {
      title: t('editor.newCriterionTitle'),
      guidance: t('editor.newCriterionGuidance'),
      level: (level) => t('editor.newLevel', { level }),
      evidence: t('editor.newEvidence'),
      source: t('editor.newSource'),
    });
    change(added.framework);
    setSelected(added.id);
  };

  const retire = (reason: string) => {
    if (!retiring) return;
    const next = withCriterionRetired(framework, retiring, reason);
    setRetiring(undefined);
    change(next);
    setSelected(firstCriterionId(next));
  };

  const publish = async () => {
    await autosave.flush();
    const result = await run(() => api().frameworks.publish({ key: frameworkKey }), { success: t('guide.published', { title: framework.title, version: framework.version }) });
    if (result.ok) navigate('/guide?tab=versions');
  };

  const criterion = location ? framework.dimensions[location.d]!.criteria[location.c]! : undefined;
  const criterionPath = location ? pathOfCriterion(location) : '';
  return (
    <Page
      title={framework.title}
      intro={t('editor.intro', { version: framework.version })}
      actions={
        <>
          <SaveState status={status} />
          {framework.basedOn && (
            <LinkButton href={`/guide?tab=versions`} variant="secondary">
              {t('guide.versions')}
            </LinkButton>
          )}
          <Button variant="primary" onPress={() => void publish()} isDisabled={status === 'error'}>
            {t('guide.publish')}
          </Button>
        </>
      }
      error={status === 'error' ? failure : undefined}
    >
      <section className="card stack" aria-labelledby="editor-general">
        <h2 id="editor-general">{t('editor.general')}</h2>
        <div className="form-row">
          <TypedTextInput label={t('editor.title')} value={framework.title} {...typedText((title) => ({ ...framework, title }))} error={errors['title']} isRequired name="title" />
          <TypedTextInput label={t('guide.version')} value={framework.version} {...typedText((version) => ({ ...framework, version }))} error={errors['version']} isRequired name="version" />
        </div>
        <TypedTextInput label={t('editor.summary')} value={framework.summary} {...typedText((summary) => ({ ...framework, summary }))} error={errors['summary']} isRequired multiline rows={3} name="summary" />
        <div className="form-row form-row--three">
          <NumberInput label={t('editor.ready')} value={framework.thresholds.ready} onChange={(ready) => change({ ...framework, thresholds: { ...framework.thresholds, ready } })} error={errors['thresholds.ready']} min={editorRanges.threshold.min} max={editorRanges.threshold.max} />
          <NumberInput label={t('editor.conditional')} value={framework.thresholds.conditional} onChange={(conditional) => change({ ...framework, thresholds: { ...framework.thresholds, conditional } })} error={errors['thresholds.conditional']} min={editorRanges.threshold.min} max={editorRanges.threshold.max} />
          <NumberInput label={t('editor.validityMonths')} value={framework.validityMonths} onChange={(validityMonths) => change({ ...framework, validityMonths })} error={errors['validityMonths']} min={editorRanges.validityMonths.min} max={editorRanges.validityMonths.max} />
        </div>
        <div className="form-row form-row--three">
          <NumberInput label={t('editor.blockerBelowLevel')} value={framework.thresholds.blockerBelowLevel} onChange={(level) => change({ ...framework, thresholds: { ...framework.thresholds, blockerBelowLevel: level as 0 } })} error={errors['thresholds.blockerBelowLevel']} min={editorRanges.level.min} max={editorRanges.level.max} />
          <NumberInput label={t('editor.conditionalMinCriticalLevel')} value={framework.thresholds.conditionalMinCriticalLevel} onChange={(level) => change({ ...framework, thresholds: { ...framework.thresholds, conditionalMinCriticalLevel: level as 0 } })} error={errors['thresholds.conditionalMinCriticalLevel']} min={editorRanges.level.min} max={editorRanges.level.max} />
          <NumberInput label={t('editor.largeGapLevels')} value={framework.thresholds.largeGapLevels} onChange={(largeGapLevels) => change({ ...framework, thresholds: { ...framework.thresholds, largeGapLevels } })} error={errors['thresholds.largeGapLevels']} min={editorRanges.largeGapLevels.min} max={editorRanges.largeGapLevels.max} />
        </div>
        <fieldset className="form-section">
          <legend className="form-section__title">{t('editor.dimensionWeights')}</legend>
          <div className="weights">
            {framework.dimensions.map((dimension, d) => (
              <NumberInput
                key={dimension.id}
                label={t('editor.dimensionWeight', { id: dimension.id })}
                value={dimension.weight}
                onChange={(weight) => change(withDimensionWeight(framework, d, weight))}
                error={errors[`dimensions.${d}.weight`]}
                min={editorRanges.weight.min}
                max={editorRanges.weight.max}
                step={editorRanges.weight.step}
              />
            ))}
          </div>
        </fieldset>
      </section>

      <div className="editor">
        <div className="editor__outline">
          <ListBox
            className="outline"
            aria-label={t('editor.outline')}
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={selected ? [selected] : []}
            onSelectionChange={(keys) => {
              const [key] = [...(keys as Set<string>)];
              if (key) setSelected(String(key));
            }}
          >
            {framework.dimensions.map((dimension) => (
              <ListBoxSection key={dimension.id} className="outline__section">
                <Header className="outline__header">
                  {dimension.id} · {dimension.title}
                </Header>
                {dimension.criteria.map((c) => (
                  <ListBoxItem key={c.id} id={c.id} textValue={`${c.id} ${c.title}`} className="outline__item">
                    <span className="mono">{c.id}</span> {c.title}
                    {c.critical && <span className="badge badge--critical">{t('guide.critical')}</span>}
                  </ListBoxItem>
                ))}
              </ListBoxSection>
            ))}
          </ListBox>
          {framework.retired.length > 0 && (
            <section className="editor__dimension" aria-labelledby="editor-retired">
              <h3 id="editor-retired">{t('editor.retired')}</h3>
              <ul className="editor__retired">
                {framework.retired.map((retired) => (
                  <li key={retired.id}>
                    <span className="mono">{retired.id}</span> · {t('editor.retiredIn', { version: retired.retiredInVersion })}
                    {retired.reason ? ` — ${retired.reason}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>

        {criterion && (
          <section className="card editor__form stack" aria-labelledby="editor-criterion">
            <div className="section-header">
              <h2 id="editor-criterion">
                <span className="mono">{criterion.id}</span> {criterion.title}
              </h2>
              <div className="section-header__actions">
                <Button variant="quiet" onPress={() => addCriterion(location!.d)}>
                  {t('editor.addCriterion', { id: framework.dimensions[location!.d]!.id })}
                </Button>
                <Button variant="quiet" onPress={() => setRetiring(criterion.id)}>
                  {t('editor.retire')}
                </Button>
              </div>
            </div>
            <TypedTextInput
              key={`${criterion.id}:title`}
              label={t('editor.criterionTitle')}
              value={criterion.title}
              {...typedText((title) => criterionWith({ title }))}
              error={errors[`${criterionPath}.title`]}
              isRequired
              name="criterionTitle"
            />
            <TypedTextInput
              key={`${criterion.id}:guidance`}
              label={t('guide.whatGoodLooksLike')}
              value={criterion.guidance}
              {...typedText((guidance) => criterionWith({ guidance }))}
              error={errors[`${criterionPath}.guidance`]}
              isRequired
              multiline
              rows={4}
              name="guidance"
            />
            <div className="form-row">
              <NumberInput label={t('editor.weight')} value={criterion.weight} onChange={(weight) => updateCriterion({ weight })} error={errors[`${criterionPath}.weight`]} min={editorRanges.weight.min} max={editorRanges.weight.max} step={editorRanges.weight.step} />
              <Checkbox className="checkbox" isSelected={criterion.critical} onChange={(critical) => updateCriterion({ critical })}>
                <span className="checkbox__box" aria-hidden="true" />
                {t('editor.critical')}
              </Checkbox>
            </div>
            <fieldset className="form-section">
              <legend className="form-section__title">{t('guide.levels')}</legend>
              {criterion.levels.map((descriptor, level) => (
                <TypedTextInput
                  key={`${criterion.id}:level${level}`}
                  label={`${level} · ${framework.scale[level]?.label ?? ''}`}
                  value={descriptor}
                  {...typedText((text) => {
                    const levels = [...criterion.levels] as Criterion['levels'];
                    levels[level] = text;
                    return criterionWith({ levels });
                  })}
                  error={errors[`${criterionPath}.levels.${level}`]}
                  isRequired
                  multiline
                  rows={2}
                  name={`level${level}`}
                />
              ))}
            </fieldset>
            <TypedTextInput
              key={`${criterion.id}:evidence`}
              label={t('guide.evidenceExamples')}
              description={t('editor.onePerLine')}
              value={criterion.evidenceExamples.join('\n')}
              {...typedText((text) => criterionWith({ evidenceExamples: text.split('\n') }))}
              error={Object.entries(errors).find(([path]) => path.startsWith(`${criterionPath}.evidenceExamples`))?.[1]}
              isRequired
              multiline
              rows={4}
              name="evidenceExamples"
            />
            <fieldset className="form-section">
              <legend className="form-section__title">{t('guide.sources')}</legend>
              {criterion.sources.map((source, index) => (
                <div className="form-row source-row" key={index}>
                  <SelectField<SourceInstrument>
                    label={t('editor.instrument')}
                    value={source.instrument}
                    options={sourceInstruments.map((instrument) => ({ value: instrument, label: t(`instruments.${instrument}`) }))}
                    onChange={(instrument) => updateCriterion({ sources: criterion.sources.map((s, i) => (i === index ? { ...s, instrument } : s)) })}
                  />
                  <TypedTextInput
                    // A field keeps its own text: a source removed or added gives every row a new one.
                    key={`${criterion.id}:${criterion.sources.length}:${index}`}
                    label={t('editor.locator')}
                    value={source.locator}
                    {...typedText((locator) => criterionWith({ sources: criterion.sources.map((s, i) => (i === index ? { ...s, locator } : s)) }))}
                    error={errors[`${criterionPath}.sources.${index}.locator`]}
                    isRequired
                  />
                  {criterion.sources.length > 1 && (
                    <Button variant="quiet" onPress={() => updateCriterion({ sources: criterion.sources.filter((_s, i) => i !== index) })} aria-label={t('editor.removeSource', { index: index + 1 })}>
                      {t('common.remove')}
                    </Button>
                  )}
                </div>
              ))}
              <Button variant="quiet" onPress={() => updateCriterion({ sources: [...criterion.sources, newSource(t('editor.newSource'))] })}>
                {t('editor.addSource')}
              </Button>
            </fieldset>
          </section>
        )}
      </div>

      <RetireDialog key={retiring ?? ''} criterionId={retiring} onCancel={() => setRetiring(undefined)} onRetire={retire} />
    </Page>
  );
}

/** Asks for the reason a criterion is retired; the reason typed draws the dialog, not the editor. */
function RetireDialog({ criterionId, onCancel, onRetire }: { criterionId: string | undefined; onCancel(): void; onRetire(reason: string): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      isOpen={criterionId !== undefined}
      title={t('editor.retireTitle', { id: criterionId ?? '' })}
      confirmLabel={t('editor.retire')}
      destructive
      onCancel={onCancel}
      onConfirm={() => onRetire(reason)}
    >
      <p>{t('editor.retireBody')}</p>
      <TextInput label={t('editor.retireReason')} value={reason} onChange={setReason} name="retireReason" />
    </ConfirmDialog>
  );
}
