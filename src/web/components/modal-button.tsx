import { Alert, Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { focusFirstField } from './dialog-focus';

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

/**
 * A button that opens a dialog; the dialog's content is rendered only while open. No lost typing: once
 * something was typed in it, Escape, a click outside or the close button ask before discarding it, and
 * leaving or reloading the page asks the browser's question.
 */
export function ModalButton({ label, title, ariaLabel, buttonProps, size, onOpen, children }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(false);
  const [asking, setAsking] = useState(false);
  const close = () => {
    setOpen(false);
    setTyped(false);
    setAsking(false);
  };
  const requestClose = () => (typed ? setAsking(true) : close());
  const keepEditing = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keepEditing.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (!open || !typed) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [open, typed]);
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
        onClose={requestClose}
        title={title}
        size={size}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        transitionProps={{ duration: 0, onEntered: focusFirstField }}
      >
        {asking && (
          <Alert color="yellow" role="alertdialog" aria-labelledby="unsaved-question" mb="md">
            <Text id="unsaved-question" size="sm" mb="xs">
              {t('record.unsaved')}
            </Text>
            <Group gap="xs">
              <Button size="xs" onClick={() => setAsking(false)} ref={keepEditing}>
                {t('record.keepEditing')}
              </Button>
              <Button size="xs" variant="default" color="red.8" onClick={close}>
                {t('record.discard')}
              </Button>
            </Group>
          </Alert>
        )}
        {/* Typing in any field of the dialog (input events bubble) makes it ask before closing. */}
        <div onInput={() => setTyped(true)}>{open && children(close)}</div>
      </Modal>
    </>
  );
}
