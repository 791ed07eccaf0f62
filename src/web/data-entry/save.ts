import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

/** The fields a failed save names, for the form to show beside them. */
export interface FieldErrorSink {
  setErrors: (errors: Record<string, string>) => void;
}

export interface SaveOptions<Input, Result> {
  /** The request: the one call to the API this save makes. */
  send: (input: Input) => Promise<Result>;
  /**
   * What the save changes, as query keys (from the feature's key factory): read again after it succeeds,
   * so every list and page showing them is current.
   */
  invalidates?: (result: Result, input: Input) => QueryKey[];
  /** A short notification after it succeeded ("Saved."); none when the screen itself shows the change. */
  saved?: string | ((result: Result, input: Input) => string);
  /** After it succeeded and what it changed was read again (closing the dialog, going to the new record). */
  onSaved?: (result: Result, input: Input) => void | Promise<void>;
  /** Where the server's field messages go (the form); the general message stays in `error`. */
  form?: FieldErrorSink;
  /** After it failed (a sign-in asking for its second step next). */
  onFailed?: (error: ApiError, input: Input) => void;
}

/**
 * Every write of the web goes through here (issue 17): TanStack Query's `useMutation` with
 * - a pending state the save button shows, and no second request while one is on its way (a double click
 *   or Enter pressed twice sends once; creates also carry an idempotency key, see `api`);
 * - on success, the queries it changed read again, a short notification, then `onSaved`;
 * - on failure, the server's message (in the user's language) as `error`, and its field messages next
 *   to the fields they name, the first of which takes the focus.
 */
export function useSave<Input = void, Result = unknown>(options: SaveOptions<Input, Result>) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const formElement = useRef<HTMLFormElement | null>(null);
  // Set at once on sending, where the pending state shows only on the next render.
  const busy = useRef(false);
  const mutation = useMutation<Result, ApiError, Input>({
    mutationFn: options.send,
    onSuccess: async (result, input) => {
      const keys = options.invalidates?.(result, input) ?? [];
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      const saved = typeof options.saved === 'function' ? options.saved(result, input) : options.saved;
      if (saved)
        notifications.show({
          message: saved,
          color: 'teal.9',
          role: 'status',
          autoClose: 4000,
          closeButtonProps: { 'aria-label': t('common.close') },
        });
      await options.onSaved?.(result, input);
    },
    onError: (error, input) => {
      options.onFailed?.(error, input);
      if (Object.keys(error.fields).length === 0) return;
      options.form?.setErrors(error.fields);
      focusFirstInvalid(formElement.current);
    },
  });
  const error =
    mutation.error instanceof ApiError || mutation.error === null
      ? mutation.error
      : new ApiError(0, 'INTERNAL', String(mutation.error));
  return {
    /** Sends it, unless a send is already on its way. Resolves when done; failures are kept in `error`. */
    run: async (input: Input): Promise<Result | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      try {
        return await mutation.mutateAsync(input);
      } catch {
        return undefined;
      } finally {
        busy.current = false;
      }
    },
    pending: mutation.isPending,
    /** What the last send was given (to show which of several buttons is on its way). */
    variables: mutation.variables,
    error,
    /** The form element this save belongs to (set by `EntryForm`), for moving the focus. */
    formElement,
  };
}

export type Save<Input, Result> = ReturnType<typeof useSave<Input, Result>>;

/** Moves the focus to the first field marked invalid in a form, once the marks are drawn. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  setTimeout(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, 0);
}
