/**
 * The frame every modal dialog shares: the dimmed overlay, the box, and the dialog named by its
 * title. React Aria's modal moves focus into the dialog, keeps it there, closes on Escape or a
 * click outside (unless told not to), and gives focus back to the control that opened it.
 * FormDialog and ConfirmDialog are built on it; a dialog that is neither a form nor a yes/no
 * question (a preview to accept, a choice of files) uses it directly.
 */
import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface DialogFrameProps {
  title: string;
  children?: ReactNode;
  /** Buttons at the foot of the dialog, right-aligned. */
  actions?: ReactNode;
  /** Escape, a click outside, or the dialog's own close. */
  onClose(): void;
  /** Open unless told otherwise (a dialog that stays mounted while closed). */
  isOpen?: boolean;
  /** Escape and a click outside close the dialog (default); off while something runs. */
  isDismissable?: boolean;
  /** A wider box, for a table or a long list. */
  wide?: boolean;
  /** `alertdialog` for a question that interrupts (ConfirmDialog). */
  role?: 'dialog' | 'alertdialog';
  /** An extra class on the dialog. */
  className?: string;
  testId?: string;
}

export function DialogFrame(props: DialogFrameProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={props.isOpen ?? true}
      isDismissable={props.isDismissable ?? true}
      onOpenChange={(open) => {
        if (!open) props.onClose();
      }}
    >
      <Modal className={props.wide ? 'modal modal--wide' : 'modal'}>
        <Dialog className={props.className ? `dialog ${props.className}` : 'dialog'} role={props.role ?? 'dialog'} data-testid={props.testId}>
          <Heading slot="title" className="dialog__title">
            {props.title}
          </Heading>
          {props.children}
          {props.actions && <div className="dialog__actions">{props.actions}</div>}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
