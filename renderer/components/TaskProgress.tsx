import { useEffect, useState } from 'react';
import { Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppEvent } from '../../shared/ipc/events';
import { api } from '../lib/api';

/** Long work in the main process (an export, a folder import) shown as it goes. */
export function TaskProgress() {
  const { t } = useTranslation();
  const [task, setTask] = useState<Extract<AppEvent, { type: 'progress' }>>();
  useEffect(
    () =>
      api().events.subscribe((event) => {
        if (event.type !== 'progress') return;
        setTask(event.done >= event.total ? undefined : event);
      }),
    [],
  );
  if (!task) return null;
  return (
    <div className="task-progress" role="status">
      <ProgressBar value={task.done} maxValue={task.total} className="progress">
        {({ percentage }) => (
          <>
            <Label className="progress__label">{task.label ?? t(`tasks.${task.task}`, { defaultValue: t('tasks.working') })}</Label>
            <span className="progress__bar">
              <span className="progress__fill" style={{ width: `${percentage ?? 0}%` }} />
            </span>
          </>
        )}
      </ProgressBar>
    </div>
  );
}
