import { Button, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { FormError, useApiError } from './form-error';

/**
 * The form of every action that needs a reason (voiding a record, erasing a person, undoing an import,
 * opening a case in an emergency): what will happen, the reason, and the button. `send` makes the request
 * with the reason; the server's answer to a bad reason shows under the field; `onDone` gets its result.
 */
export function ReasonForm<T>({
  explain,
  reasonLabel,
  submitLabel,
  send,
  onDone,
}: {
  explain: string;
  reasonLabel: string;
  submitLabel: string;
  send: (reason: string) => Promise<T>;
  onDone: (result: T) => void | Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const failure = useApiError();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await failure.run(() => send(reason));
    if (result !== undefined) await onDone(result);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <FormError error={failure.error} />
        <Text size="sm">{explain}</Text>
        <Textarea
          label={reasonLabel}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={failure.field('reason')}
          required
          autosize
          minRows={2}
          data-autofocus
        />
        <Button type="submit" color="red.9" w="fit-content" loading={failure.pending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
