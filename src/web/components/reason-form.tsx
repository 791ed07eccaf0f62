import { Text, Textarea } from '@mantine/core';
import type { QueryKey } from '@tanstack/react-query';
import { EntryForm, useEntryForm } from '../data-entry/entry-form';
import { useSave } from '../data-entry/save';

/**
 * The form of every action that needs a reason (voiding a record, erasing a person, undoing an import,
 * opening a case in an emergency): what will happen, the reason, and the button. `send` makes the request
 * with the reason; the server's answer to a bad reason shows under the field; what it changed
 * (`invalidates`) is read again, `saved` is said, and `onDone` gets its result.
 */
export function ReasonForm<T>({
  explain,
  reasonLabel,
  submitLabel,
  send,
  invalidates = [],
  saved,
  onDone,
}: {
  explain: string;
  reasonLabel: string;
  submitLabel: string;
  send: (reason: string) => Promise<T>;
  invalidates?: QueryKey[];
  saved?: string;
  onDone: (result: T) => void | Promise<void>;
}) {
  const form = useEntryForm({ initialValues: { reason: '' } });
  const save = useSave({
    form,
    send: ({ reason }: { reason: string }) => send(reason),
    invalidates: () => invalidates,
    saved,
    onSaved: (result) => onDone(result),
  });
  return (
    <EntryForm form={form} save={save} submitLabel={submitLabel} submitProps={{ color: 'red.9' }}>
      <Text size="sm">{explain}</Text>
      <Textarea
        label={reasonLabel}
        {...form.getInputProps('reason')}
        required
        autosize
        minRows={2}
        data-autofocus
      />
    </EntryForm>
  );
}
