/**
 * The modal form dialog every screen uses: a title, an optional intro, the fields, an error from
 * the main process, and Cancel / submit, in the shared DialogFrame (focus kept inside, Escape and
 * a click outside close it, focus goes back to the opener). Enter in a field submits. The submit
 * button is disabled while the submission runs, so a double press never sends twice, and the
 * dialog cannot be dismissed half-way through.
 */
import { useState, type ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/errors';
import { Button } from './Button';
import { DialogFrame } from './DialogFrame';
import { ErrorMessage } from './ErrorMessage';

/** The form part of a FormDialog, for a dialog that shows a form only in some states. */
interface DialogFormProps {
  /** A line above the fields that says what the dialog does. */
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
  /** Runs on submit (button or Enter in a field); the form is busy until its promise settles. */
  onSubmit(): void | Promise<unknown>;
  /** Cancel. */
  onClose(): void;
  /** Label of the button that closes without submitting (default: Cancel). */
  cancelLabel?: string;
  /** Told when a submission starts and ends. */
  onBusyChange?(busy: boolean): void;
}

export function DialogForm(props: DialogFormProps) {
  const { t } = useTranslation();
  const [busy, setBusyState] = useState(false);
  const setBusy = (value: boolean) => {
    setBusyState(value);
    props.onBusyChange?.(value);
  };
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
    <>
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
          <Button onPress={props.onClose}>{props.cancelLabel ?? t('common.cancel')}</Button>
          <Button variant={props.submitVariant ?? 'primary'} type="submit" isDisabled={busy || props.isSubmitDisabled === true}>
            {busy && props.busyLabel ? props.busyLabel : props.submitLabel}
          </Button>
        </div>
      </Form>
    </>
  );
}

interface FormDialogProps extends DialogFormProps {
  title: string;
  /** Cancel, Escape or a click outside. */
  onClose(): void;
  /** A wider box, for a form with fields side by side. */
  wide?: boolean;
  /** An extra class on the dialog. */
  className?: string;
  testId?: string;
}

export function FormDialog({ title, wide, className, testId, ...form }: FormDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <DialogFrame title={title} onClose={form.onClose} isDismissable={!busy} wide={wide} className={className} testId={testId}>
      <DialogForm {...form} onBusyChange={setBusy} />
    </DialogFrame>
  );
}
