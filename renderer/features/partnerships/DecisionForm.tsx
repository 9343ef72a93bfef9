import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DecisionOutcome, Partnership } from '../../../shared/partnership/schema';
import type { ReadinessBand } from '../../../shared/scoring/band';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { TextInput } from '../../components/TextInput';
import { api } from '../../lib/api';
import { useFormat, useShowName } from '../../lib/format';
import { useAction } from '../../lib/use-action';

/** The officers' decision, with its rationale; the scores suggest a band, people decide. */
export function DecisionForm({ partnership, suggested, onSaved }: { partnership: Partnership; suggested: ReadinessBand | undefined; onSaved(): void }) {
  const { t } = useTranslation();
  const showName = useShowName();
  const run = useAction();
  const format = useFormat();
  const [outcome, setOutcome] = useState<DecisionOutcome>(partnership.decision?.outcome ?? suggested ?? 'not-ready');
  const [rationale, setRationale] = useState(partnership.decision?.rationale ?? '');
  const [error, setError] = useState<string>();

  const save = async () => {
    if (!rationale.trim()) return setError(t('validation.required'));
    setError(undefined);
    const result = await run(() => api().partnerships.decide({ id: partnership.id, outcome, rationale }), { success: t('partnership.decisionSaved') });
    if (result.ok) onSaved();
  };

  return (
    <section className="card" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('partnership.decision')}</h2>
      {partnership.decision && (
        <p className="muted">
          {t('partnership.decisionRecorded', { by: showName(partnership.decision.decidedBy), date: format.dateTime(partnership.decision.decidedAt) })}
        </p>
      )}
      <Form
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ChoiceGroup<DecisionOutcome>
          label={t('partnership.outcome')}
          value={outcome}
          options={(['ready', 'conditional', 'not-ready'] as const).map((value) => ({ value, label: t(`band.${value}`) }))}
          onChange={setOutcome}
          description={suggested ? t('partnership.suggested', { band: t(`band.${suggested}`) }) : undefined}
          name="outcome"
        />
        <TextInput label={t('partnership.rationale')} description={t('partnership.rationaleHelp')} value={rationale} onChange={setRationale} error={error} isRequired multiline rows={4} name="rationale" />
        <div className="form-actions">
          <Button variant="primary" type="submit">
            {t('partnership.recordDecision')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
