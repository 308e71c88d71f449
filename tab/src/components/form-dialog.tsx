import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent, type ReactElement, type ReactNode } from 'react';

const useStyles = makeStyles({
  surface: { width: 'calc(100vw - 2rem)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { alignItems: 'center' },
});

/** Whether a form dialog is open, and what to do as it opens (a fresh form, a fresh id to send). */
export interface FormDialogState {
  open: boolean;
  setOpen: (open: boolean) => void;
  onOpen: () => void;
}

export function useFormDialog(onOpen: () => void): FormDialogState {
  const [open, setOpen] = useState(false);
  return { open, setOpen, onOpen };
}

/**
 * A modal form opened by its trigger button: title, fields, then Cancel and the submit button, with a
 * spinner while it sends. Fluent's Dialog traps focus and gives it back to the trigger on close; while the
 * form is sending it cannot be closed (the answer would be lost to the person who asked).
 */
export function FormDialog({
  state,
  trigger,
  title,
  onSubmit,
  busy,
  busyLabel = 'Recording...',
  submitLabel,
  cancelLabel = 'Cancel',
  maxWidth = '52rem',
  stack = true,
  children,
}: {
  state: FormDialogState;
  /** The button that opens it. */
  trigger: ReactElement;
  title: ReactNode;
  onSubmit: (e: FormEvent) => void | Promise<void>;
  busy: boolean;
  busyLabel?: string;
  submitLabel: string;
  cancelLabel?: string;
  maxWidth?: string;
  /** Lays the fields out in a column with gaps (the default); false leaves them as they are. */
  stack?: boolean;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <Dialog
      open={state.open}
      modalType="modal"
      onOpenChange={(_, d) => {
        if (busy) return;
        if (d.open) state.onOpen();
        state.setOpen(d.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger>
      <DialogSurface className={styles.surface} style={{ maxWidth }}>
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent {...(stack ? { className: styles.content } : {})}>{children}</DialogContent>
            <DialogActions className={styles.actions}>
              {busy && <Spinner size="tiny" label={busyLabel} labelPosition="after" />}
              <DialogTrigger disableButtonEnhancement>
                <Button disabledFocusable={busy}>{cancelLabel}</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabledFocusable={busy}>
                {submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
