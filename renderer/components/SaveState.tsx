import { useTranslation } from 'react-i18next';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

/** Where the user's latest change is: waiting, being written, safely saved, or refused. */
export function SaveState({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`save-state save-state--${status}`} role="status" aria-live="polite">
      <span className="save-state__dot" aria-hidden="true" />
      {t(`saveState.${status}`)}
    </span>
  );
}
