import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../i18n';

export interface Confirmation {
  /** The dialog's title: what is about to happen ("Change the key worker"). */
  title: string;
  /** The question in full, with the names ("Make Marta Vītola the key worker of this case?"). */
  question: string;
  /** Does it; resolves true when it was done (the caller shows the server's message otherwise). */
  run: () => Promise<boolean>;
  /** Said after it was done ("The key worker was changed."). */
  done: string;
}

/**
 * Asks before a change that matters (a key worker, a risk level) and says when it was done. The
 * confirming button takes the focus, Escape or "Cancel" changes nothing, and while it runs it cannot be
 * pressed again.
 */
export function useConfirmation() {
  const { t } = useI18n();
  const [asked, setAsked] = useState<Confirmation | null>(null);
  const [running, setRunning] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const confirm = async () => {
    if (!asked) return;
    setRunning(true);
    const ok = await asked.run().finally(() => setRunning(false));
    if (ok) setSaid(asked.done);
    setAsked(null);
  };
  const dialog = (
    <>
      <Modal
        opened={asked !== null}
        onClose={() => setAsked(null)}
        title={asked?.title}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        <Text mb="md">{asked?.question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsked(null)}>
            {t('common.cancel')}
          </Button>
          <Button onClick={confirm} loading={running} data-autofocus>
            {t('common.confirm')}
          </Button>
        </Group>
      </Modal>
      {said && (
        <Text size="sm" role="status" c="teal.9">
          {said}
        </Text>
      )}
    </>
  );
  return {
    ask: (confirmation: Confirmation) => {
      setSaid(null);
      setAsked(confirmation);
    },
    dialog,
  };
}
