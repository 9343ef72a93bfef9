import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

interface ToastMessage {
  text: string;
  tone: 'success' | 'error' | 'info';
  /** One follow-up action, such as "Show in folder". */
  action?: { label: string; onAction(): void };
}

/** One queue for the whole app: confirmations such as "Profile saved". */
const toasts = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 });

export function notify(text: string, tone: ToastMessage['tone'] = 'success', action?: ToastMessage['action']): void {
  toasts.add({ text, tone, ...(action ? { action } : {}) }, { timeout: tone === 'error' || action ? 10_000 : 5_000 });
}

/** Takes every toast away, shown or waiting (component tests start each case with none). */
export function clearToasts(): void {
  toasts.clear();
}

export function ToastArea() {
  const { t } = useTranslation();
  return (
    <ToastRegion queue={toasts} className="toast-region">
      {({ toast }) => (
        <Toast toast={toast} className={`toast toast--${toast.content.tone}`}>
          <ToastContent>
            <Text slot="title">{toast.content.text}</Text>
          </ToastContent>
          {toast.content.action && (
            <Button
              className="toast__action"
              onPress={() => {
                toast.content.action?.onAction();
                toasts.close(toast.key);
              }}
            >
              {toast.content.action.label}
            </Button>
          )}
          <Button slot="close" className="toast__close" aria-label={t('common.dismiss')}>
            ×
          </Button>
        </Toast>
      )}
    </ToastRegion>
  );
}
