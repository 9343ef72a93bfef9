import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { DialogFrame } from './DialogFrame';

interface ConfirmDialogProps {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question with Cancel focused first, so Enter never destroys anything by accident. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  const actions = (
    <>
      {/* The least destructive choice takes focus (WAI-ARIA alert dialog pattern). */}
      {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
      <Button variant="secondary" onPress={props.onCancel} autoFocus>
        {t('common.cancel')}
      </Button>
      <Button variant={props.destructive ? 'danger' : 'primary'} onPress={props.onConfirm}>
        {props.confirmLabel}
      </Button>
    </>
  );
  return (
    <DialogFrame isOpen={props.isOpen} title={props.title} role="alertdialog" onClose={props.onCancel} actions={actions}>
      <div className="dialog__body">{props.children}</div>
    </DialogFrame>
  );
}
