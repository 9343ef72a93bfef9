import { useTranslation } from 'react-i18next';
import type { AgreementState } from '../../../shared/agreement/state';

const tone: Record<AgreementState, string> = {
  draft: 'badge--retired',
  'awaiting-partner': 'badge--draft',
  'awaiting-own': 'badge--draft',
  concluded: 'badge--added',
  'changed-after-signing': 'badge--critical',
};

/** Where an agreement stands, in words and colour (the words carry the meaning; colour only helps). */
export function AgreementStateBadge({ state }: { state: AgreementState }) {
  const { t } = useTranslation();
  return <span className={`badge ${tone[state]}`}>{t(`agreement.state.${state}`)}</span>;
}
