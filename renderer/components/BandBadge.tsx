import { useTranslation } from 'react-i18next';
import type { ReadinessBand } from '../../shared/scoring/band';

/** The decision band in words (never colour alone), marked provisional while answers are missing. */
export function BandBadge({ band, provisional = false }: { band: ReadinessBand; provisional?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`band band--${band}`}>
      {t(`band.${band}`)}
      {provisional && <span className="band__provisional"> · {t('band.provisional')}</span>}
    </span>
  );
}
