/**
 * The modal form dialog every screen uses: a title, an optional intro, the fields, an error from
 * the main process, and Cancel / submit. React Aria's modal moves focus into the dialog, keeps it
 * there, closes on Escape or a click outside, and gives focus back to the control that opened it.
 * The submit button is disabled while the submission runs, so a double press never sends twice.
 */
import { useState, type ReactNode } from 'react';
import { Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/errors';
import { Button } from './Button';
import { ErrorMessage } from './ErrorMessage';

export interface FormDialogProps {
  title: string;
  /** A line under the title that says what the dialog does. */
  intro?: ReactNode;
  /** The fields (and anything else between the intro and the buttons). */
  children?: ReactNode;
  submitLabel: string;
  /** Shown on the submit button while the submission runs (default: the submit label). */
  busyLabel?: string;
  /** Disables submit until the fields are complete. */
  isSubmitDisabled?: boolean;
  submitVariant?: 'primary' | 'danger';
  /** An error from the main process for the whole form, shown in the user's language above the buttons. */
  error?: AppErrorData | undefined;
  /** Runs on submit (button or Enter in a field); the dialog is busy until its promise settles. */
  onSubmit(): void | Promise<unknown>;
  /** Cancel, Escape or a click outside. */
  onClose(): void;
  /** An extra class on the dialog, for a wide one. */
  className?: string;
}

export function FormDialog(props: FormDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await props.onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable={!busy} onOpenChange={(open) => !open && props.onClose()}>
      <Modal className="modal">
        <Dialog className={props.className ? `dialog ${props.className}` : 'dialog'}>
          <Heading slot="title" className="dialog__title">
            {props.title}
          </Heading>
          {typeof props.intro === 'string' ? <p className="muted">{props.intro}</p> : props.intro}
          <Form
            validationBehavior="aria"
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            {props.children}
            <ErrorMessage error={props.error} />
            <div className="dialog__actions">
              <Button onPress={props.onClose}>{t('common.cancel')}</Button>
              <Button variant={props.submitVariant ?? 'primary'} type="submit" isDisabled={busy || props.isSubmitDisabled === true}>
                {busy && props.busyLabel ? props.busyLabel : props.submitLabel}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
