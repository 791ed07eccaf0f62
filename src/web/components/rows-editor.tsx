import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

let uid = 0;
/** A key for a row of a `RowsEditor`: React needs one that stays with the row when another is removed. */
export const rowKey = () => ++uid;

/**
 * Rows of the same fields that a user adds and removes (funding sources, budget lines,
 * partners, targets, the institutions at a training): each row is a line of fields with a
 * remove button that says which row it removes, and a button below adds a row.
 */
export function RowsEditor<T extends { key: number }>({
  rows,
  onChange,
  newRow,
  addLabel,
  rowLabel,
  children,
}: {
  rows: T[];
  onChange: (rows: T[]) => void;
  newRow: () => Omit<T, 'key'>;
  addLabel: string;
  /** The row as its remove button names it, e.g. "Partneris 2". */
  rowLabel: (index: number) => string;
  /** The fields of a row; `update` changes some of its values. */
  children: (row: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
}) {
  const { t } = useI18n();
  const update = (key: number) => (patch: Partial<T>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <>
      {rows.map((row, index) => (
        <Group key={row.key} grow align="flex-end">
          {children(row, index, update(row.key))}
          <Button
            variant="subtle"
            size="xs"
            c="red.9"
            onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
            aria-label={`${t('projects.remove')}: ${rowLabel(index)}`}
          >
            {t('projects.remove')}
          </Button>
        </Group>
      ))}
      <Button
        variant="default"
        w="fit-content"
        onClick={() => onChange([...rows, { ...newRow(), key: rowKey() } as T])}
      >
        {addLabel}
      </Button>
    </>
  );
}
