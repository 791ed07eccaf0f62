/**
 * A dialog opens with focus on its first field (issue 17, item 11), not on its close button, which is
 * where Mantine's focus trap lands without a `data-autofocus`. A dialog without fields, or whose first
 * field is a date (its calendar would open over the form), keeps Mantine's choice. The theme sets it on
 * every modal; a modal that sets its own transition passes it too.
 */
export function focusFirstField() {
  // After the focus trap's own first move, which it makes on the next tick.
  setTimeout(() => {
    const dialogs = document.querySelectorAll<HTMLElement>('[role="dialog"]');
    const field = dialogs[dialogs.length - 1]?.querySelector<HTMLElement>(
      'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled])',
    );
    if (field && !field.classList.contains('mantine-DateInput-input')) field.focus();
  }, 0);
}
