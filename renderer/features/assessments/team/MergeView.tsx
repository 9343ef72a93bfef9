/**
 * Consolidating the colleagues' ratings: per criterion every current rating side by side (rater,
 * level, justification, evidence), the spread and the flag for discussion, what is proposed, and
 * the coordinator's decision with its reason. The level is one radio group (arrow keys), each
 * choice naming the colleagues who gave it, so picking a colleague's rating and setting another
 * level are the same gesture. Nothing is decided without the button.
 */
import { useRef, useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ConsolidationDecision } from '../../../../shared/ipc/team-contract';
import type { RatingValue } from '../../../../shared/team/schema';
import type { CriterionTeamView, TeamView } from '../../../../shared/team/view';
import { Button } from '../../../components/Button';
import { DataTable } from '../../../components/DataTable';
import { TypedTextInput } from '../../../components/TextInput';
import { useFormat, useShowName } from '../../../lib/format';

type MergeFilter = 'all' | 'decide' | 'flagged';

const values: RatingValue[] = [0, 1, 2, 3, 4, 'na'];

/** A criterion waits for the coordinator when it has ratings and no decision that still holds. */
function needsDecision(criterion: CriterionTeamView): boolean {
  return criterion.ratings.length > 0 && (criterion.state !== 'consolidated' || criterion.newerThanConsolidation);
}

function matchesFilter(criterion: CriterionTeamView, filter: MergeFilter): boolean {
  if (criterion.ratings.length === 0) return false;
  if (filter === 'decide') return needsDecision(criterion);
  if (filter === 'flagged') return criterion.flagged;
  return true;
}

interface MergeViewProps {
  view: TeamView;
  /** Resolves true when the decision was stored. */
  onConsolidate(request: ConsolidationDecision): Promise<boolean>;
  /** Several decisions, stored together or not at all. */
  onConsolidateAll(requests: ConsolidationDecision[]): Promise<boolean>;
}

export function useValueLabel() {
  const { t } = useTranslation();
  return (value: RatingValue | null) => (value === null ? '—' : value === 'na' ? t('team.notApplicable') : t('team.levelValue', { level: value }));
}

export function MergeView({ view, onConsolidate, onConsolidateAll }: MergeViewProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<MergeFilter>('decide');
  const [busy, setBusy] = useState(false);
  const rated = view.criteria.filter((criterion) => criterion.ratings.length > 0);
  const shown = rated.filter((criterion) => matchesFilter(criterion, filter));
  const counts: Record<MergeFilter, number> = {
    all: rated.length,
    decide: rated.filter(needsDecision).length,
    flagged: rated.filter((criterion) => criterion.flagged).length,
  };
  // Proposals nobody disputes (one rating, or all the same) can be taken over in one go.
  const undisputed = rated.filter((criterion) => needsDecision(criterion) && criterion.proposal !== null && !criterion.newerThanConsolidation);

  // One request for all of them: one write, one message, and nothing half done if one is refused.
  const acceptProposals = async () => {
    setBusy(true);
    await onConsolidateAll(
      undisputed.map((criterion) => ({
        criterionId: criterion.criterionId,
        value: criterion.proposal!,
        reason: '',
        fromRatingIds: criterion.ratings.map((rating) => rating.ratingId),
      })),
    );
    setBusy(false);
  };

  return (
    <section className="stack" aria-labelledby="team-merge-title" data-testid="team-merge">
      <div className="section-header">
        <div>
          <h3 id="team-merge-title">{t('team.merge.title')}</h3>
          <p className="muted">{t('team.merge.intro')}</p>
        </div>
        {view.editable && undisputed.length > 0 && (
          <Button onPress={() => void acceptProposals()} isDisabled={busy}>
            {t('team.merge.acceptProposals', { count: undisputed.length })}
          </Button>
        )}
      </div>
      <RadioGroup className="choice-group" value={filter} onChange={(value) => setFilter(value as MergeFilter)} orientation="horizontal">
        <Label className="field__label">{t('team.merge.filter')}</Label>
        <div className="choice-group__options">
          {(['all', 'decide', 'flagged'] as const).map((option) => (
            <Radio key={option} value={option} className="choice">
              {t(`team.merge.filters.${option}`, { count: counts[option] })}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {shown.length === 0 ? (
        <p className="empty-state">{t(rated.length === 0 ? 'team.merge.noRatings' : 'team.merge.nothingHere')}</p>
      ) : (
        shown.map((criterion) => <CriterionMerge key={criterion.criterionId} criterion={criterion} editable={view.editable} onConsolidate={onConsolidate} />)
      )}
    </section>
  );
}

function stateBadge(criterion: CriterionTeamView): string {
  if (criterion.state === 'conflict') return 'badge--draft';
  if (criterion.state === 'consolidated') return 'badge--published';
  return '';
}

function CriterionMerge({ criterion, editable, onConsolidate }: { criterion: CriterionTeamView; editable: boolean; onConsolidate: MergeViewProps['onConsolidate'] }) {
  const { t } = useTranslation();
  const showName = useShowName();
  const format = useFormat();
  const valueLabel = useValueLabel();
  const decided = criterion.consolidation;
  const initial: RatingValue | null = decided && !criterion.newerThanConsolidation ? decided.value : criterion.proposal;
  const [value, setValue] = useState<RatingValue | null>(initial);
  // The reason is kept by its field as it is typed (nothing else on the card shows it): a key
  // press then draws the field, not the card with its table of ratings and its levels.
  const storedReason = decided && !criterion.newerThanConsolidation ? decided.reason : '';
  const reason = useRef(storedReason);
  // Cancel puts the stored reason back, in a new field.
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<string>();
  const headingId = `merge-${criterion.criterionId}`;
  const showForm = editable && (needsDecision(criterion) || editing);
  // A reason is asked for whenever the decision is not simply what every colleague said.
  const reasonNeeded = value !== null && (criterion.proposal === null || value !== criterion.proposal);

  const decide = async () => {
    if (value === null) return setMissing(t('team.merge.chooseLevel'));
    if (reasonNeeded && reason.current.trim() === '') return setMissing(t('team.merge.reasonNeeded'));
    setMissing(undefined);
    setBusy(true);
    const stored = await onConsolidate({ criterionId: criterion.criterionId, value, reason: reason.current.trim(), fromRatingIds: criterion.ratings.map((rating) => rating.ratingId) });
    setBusy(false);
    if (stored) setEditing(false);
  };

  const whoGave = (option: RatingValue) => criterion.ratings.filter((rating) => rating.value === option).map((rating) => rating.name);

  return (
    <section className="card stack team-criterion" aria-labelledby={headingId} data-testid={`merge-${criterion.criterionId}`}>
      <div className="section-header">
        <h4 id={headingId}>
          {criterion.criterionId} · {criterion.title}
        </h4>
        <span className="badges">
          <span className={`badge ${stateBadge(criterion)}`}>{t(`team.state.${criterion.state}`)}</span>
          {criterion.spread !== null && <span className="badge">{t('team.merge.spread', { count: criterion.spread })}</span>}
          {criterion.flagged && <span className="badge badge--critical">{t('team.merge.discuss')}</span>}
        </span>
      </div>
      <DataTable
        label={t('team.merge.ratingsOf', { id: criterion.criterionId })}
        className="team-ratings"
        rows={criterion.ratings}
        rowKey={(rating) => rating.ratingId}
        columns={[
          {
            id: 'rater',
            header: t('team.merge.rater'),
            isRowHeader: true,
            cell: (rating) => (
              <>
                {showName(rating.name)}
                {rating.role && <span className="muted small block">{rating.role}</span>}
                <span className="muted small block">
                  {t(`team.source.${rating.source.type}`)} · {format.date(rating.ratedAt)}
                </span>
              </>
            ),
          },
          { id: 'level', header: t('team.merge.level'), cell: (rating) => <strong>{valueLabel(rating.value)}</strong> },
          {
            id: 'justification',
            header: t('team.merge.justification'),
            className: 'team-ratings__text',
            cell: (rating) => rating.justification || <span className="muted">{t('team.merge.noJustification')}</span>,
          },
          {
            id: 'evidence',
            header: t('team.merge.evidence'),
            cell: (rating) =>
              rating.evidence.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className="plain-list">
                  {rating.evidence.map((item, index) => (
                    <li key={index} className="break">
                      {item.label || item.url}
                      {item.label && item.url && <span className="muted small block">{item.url}</span>}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      <p>
        {criterion.proposal !== null
          ? t(criterion.ratings.length === 1 ? 'team.merge.proposalSingle' : 'team.merge.proposalAgreed', { value: valueLabel(criterion.proposal) })
          : t('team.merge.noProposal')}
      </p>
      {decided && (
        <p className={criterion.newerThanConsolidation ? 'alert alert--warning' : 'alert alert--info'} data-testid={`decision-${criterion.criterionId}`}>
          {t('team.merge.decided', { value: valueLabel(decided.value), by: showName(decided.decidedBy), date: format.dateTime(decided.decidedAt) })}
          {decided.reason && <> {t('team.merge.decidedReason', { reason: decided.reason })}</>}
          {criterion.newerThanConsolidation && <> {t('team.merge.newer')}</>}
        </p>
      )}
      {showForm ? (
        <div className="stack team-decision">
          <RadioGroup className="choice-group" value={value === null ? null : String(value)} onChange={(next) => setValue(next === 'na' ? 'na' : (Number(next) as RatingValue))} orientation="horizontal">
            <Label className="field__label">{t('team.merge.consolidated')}</Label>
            <div className="choice-group__options">
              {values.map((option) => {
                const names = whoGave(option);
                return (
                  <Radio key={String(option)} value={String(option)} className="choice" aria-label={names.length ? `${valueLabel(option)} (${names.join(', ')})` : valueLabel(option)}>
                    {valueLabel(option)}
                    {names.length > 0 && <span className="muted small"> ({names.join(', ')})</span>}
                  </Radio>
                );
              })}
            </div>
          </RadioGroup>
          <TypedTextInput
            key={attempt}
            label={t('team.merge.reason')}
            description={t(reasonNeeded ? 'team.merge.reasonHelpNeeded' : 'team.merge.reasonHelp')}
            value={storedReason}
            onType={(text) => {
              reason.current = text;
            }}
            onSettle={() => undefined}
            multiline
            rows={2}
            isRequired={reasonNeeded}
            error={missing}
          />
          <div className="button-row">
            <Button variant="primary" onPress={() => void decide()} isDisabled={busy}>
              {t('team.merge.consolidate')}
            </Button>
            {editing && (
              <Button
                onPress={() => {
                  reason.current = storedReason;
                  setAttempt(attempt + 1);
                  setEditing(false);
                }}
              >
                {t('common.cancel')}
              </Button>
            )}
          </div>
        </div>
      ) : (
        editable && (
          <div>
            <Button variant="quiet" onPress={() => setEditing(true)}>
              {t('team.merge.change')}
            </Button>
          </div>
        )
      )}
    </section>
  );
}
