import { Button, type ButtonProps, Group, List, Stack } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import type { ZodType } from 'zod';
import type { ErrorCode } from '../../shared/contracts/common';
import { contractErrors, type FieldOf, formField } from '../../shared/validation';
import { FormError } from '../components/form-error';
import { useI18n } from '../i18n';
import { focusFirstInvalid, type Save } from './save';

/**
 * A form's state (`@mantine/form`), checked on submit with the server's zod contract for the request it
 * makes: `toBody` turns the values into that request's body. Values keep the names of the body's fields,
 * so the server's field messages land on the same fields as the form's own.
 */
export function useEntryForm<Values extends Record<string, unknown>>({
  initialValues,
  contract,
  toBody,
  fieldOf,
  validate,
}: {
  initialValues: Values;
  contract?: ZodType;
  toBody?: (values: Values) => unknown;
  /** Where the request's fields are shown, where the form names them otherwise (its own and the server's messages). */
  fieldOf?: FieldOf;
  /** Checks the contract cannot make (a file chosen), as messages by field. */
  validate?: (values: Values) => Record<string, string>;
}): UseFormReturnType<Values> {
  const { language } = useI18n();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues,
    validate: (values) => ({
      ...(contract ? contractErrors(contract, toBody ? toBody(values) : values, language, fieldOf) : {}),
      ...validate?.(values),
    }),
  });
  if (!fieldOf) return form;
  // The server's field messages are set through here too: renamed the same way.
  return {
    ...form,
    setErrors: (errors) =>
      form.setErrors(
        Object.fromEntries(
          Object.entries(errors as Record<string, string>).map(([field, message]) => [
            formField(fieldOf, field),
            message,
          ]),
        ),
      ),
  };
}

/**
 * Every dialog and page that writes is one of these: a real `<form>` (Enter submits), checked with the
 * contract before sending, the server's general message at the top and its field messages beside the
 * fields, the focus on the first field to fix, and a save button that shows the save on its way and takes
 * no second press. Messages about fields the form does not show are listed under the general one.
 */
export function EntryForm<Values extends Record<string, unknown>, Result>({
  form,
  save,
  submitLabel,
  submitProps,
  actions,
  ownErrors = [],
  children,
}: {
  form: UseFormReturnType<Values>;
  save: Save<Values, Result>;
  submitLabel?: string;
  submitProps?: ButtonProps;
  /** Further buttons beside the save button. */
  actions?: ReactNode;
  /** Refusals the form explains itself (a warning to confirm), not repeated at its top. */
  ownErrors?: ErrorCode[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  // The form's errors, its own and the server's, already under the form's names (`fieldOf`): those of
  // fields it has no input for are listed here, the others stand beside their fields.
  const shown = Object.keys(form.getValues());
  const elsewhere = Object.entries(form.errors).filter(([field]) => !shown.includes(field.split('.')[0]!));
  return (
    <form
      ref={save.formElement}
      noValidate
      onSubmit={form.onSubmit(
        (values) => save.run(values),
        () => focusFirstInvalid(save.formElement.current),
      )}
    >
      <Stack>
        <FormError
          error={save.error && !ownErrors.includes(save.error.code as ErrorCode) ? save.error : null}
        />
        {elsewhere.length > 0 && (
          <List size="sm" c="red.9">
            {elsewhere.map(([field, message]) => (
              <List.Item key={field}>{message}</List.Item>
            ))}
          </List>
        )}
        {children}
        <Group>
          <Button type="submit" w="fit-content" loading={save.pending} {...submitProps}>
            {submitLabel ?? t('common.save')}
          </Button>
          {actions}
        </Group>
      </Stack>
    </form>
  );
}
