import { Button, type ButtonProps, Modal } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n';

interface Props {
  label: string;
  title: string;
  /** Accessible name of the button when its label alone is ambiguous (e.g. "Edit: Anna Kalniņa"). */
  ariaLabel?: string;
  buttonProps?: ButtonProps;
  size?: string;
  onOpen?: () => void;
  /** The dialog's content; `close` closes it (after a successful save). */
  children: (close: () => void) => ReactNode;
}

/** A button that opens a dialog; the dialog's content is rendered only while open. */
export function ModalButton({ label, title, ariaLabel, buttonProps, size, onOpen, children }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        {...buttonProps}
        aria-label={ariaLabel}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal
        opened={open}
        onClose={close}
        title={title}
        size={size}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        transitionProps={{ duration: 0 }}
      >
        {open && children(close)}
      </Modal>
    </>
  );
}
