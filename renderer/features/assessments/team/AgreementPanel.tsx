/**
 * How well the colleagues agreed: Krippendorff's alpha (ordinal) for the whole assessment and for
 * each dimension, always with what it rests on (pairable ratings) and its reading in plain words,
 * so a rector never meets a bare coefficient.
 */
import { useLocale } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AgreementFigure, AgreementReading, TeamView } from '../../../../shared/team/view';
import { DataTable } from '../../../components/DataTable';

const badgeOf: Record<AgreementReading, string> = {
  reliable: 'badge--published',
  tentative: 'badge--draft',
  unreliable: 'badge--critical',
  'too-little': 'badge--retired',
};

function useAlphaFormat() {
  const { locale } = useLocale();
  // Three decimals: Krippendorff's thresholds are 0.800 and 0.667, two decimals would blur the second.
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return (alpha: number | null) => (alpha === null ? '—' : number.format(alpha));
}

function ReadingBadge({ reading }: { reading: AgreementReading }) {
  const { t } = useTranslation();
  return <span className={`badge ${badgeOf[reading]}`}>{t(`team.reading.${reading}`)}</span>;
}

interface AgreementPanelProps {
  agreement: TeamView['agreement'];
  dimensions: TeamView['dimensions'];
  raters: number;
  flagged: number;
}

export function AgreementPanel({ agreement, dimensions, raters, flagged }: AgreementPanelProps) {
  const { t } = useTranslation();
  const alpha = useAlphaFormat();
  const { overall } = agreement;
  const figureOf = (id: string): AgreementFigure => agreement.byDimension[id] ?? { alpha: null, pairable: 0, units: 0, reading: 'too-little' };
  return (
    <section className="card stack" aria-labelledby="team-agreement-title" data-testid="team-agreement">
      <h3 id="team-agreement-title">{t('team.agreement.title')}</h3>
      <p className="team-agreement__overall">
        <span className="team-agreement__alpha">{t('team.agreement.overall', { alpha: alpha(overall.alpha) })}</span> <ReadingBadge reading={overall.reading} />
      </p>
      <p data-testid="team-agreement-reading">{t(`team.readingText.${overall.reading}`)}</p>
      <p className="muted">
        {t('team.agreement.basis', { count: overall.pairable, units: overall.units, raters })}
        {flagged > 0 && <> {t('team.agreement.flagged', { count: flagged })}</>}
      </p>
      <DataTable
        label={t('team.agreement.byDimension')}
        rows={dimensions}
        rowKey={(dimension) => dimension.id}
        columns={[
          { id: 'dimension', header: t('team.agreement.dimension'), isRowHeader: true, cell: (dimension) => `${dimension.id} · ${dimension.title}` },
          { id: 'alpha', header: t('team.agreement.alpha'), className: 'team-alpha', cell: (dimension) => alpha(figureOf(dimension.id).alpha) },
          {
            id: 'pairable',
            header: t('team.agreement.pairable'),
            cell: (dimension) => {
              const figure = figureOf(dimension.id);
              return figure.pairable === 0 ? '—' : t('team.agreement.pairableValue', { count: figure.pairable, units: figure.units });
            },
          },
          { id: 'reading', header: t('team.agreement.reading'), cell: (dimension) => <ReadingBadge reading={figureOf(dimension.id).reading} /> },
        ]}
      />
      <p className="muted small">{t('team.agreement.source')}</p>
    </section>
  );
}
