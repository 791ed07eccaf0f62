import { DateInput, type DateInputProps } from '@mantine/dates';
import { useI18n } from '../i18n';

/** Reads `dd.mm.yyyy` (also `d.m.yyyy`) as an ISO date; anything else is not a date. */
export function parseLatvianDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

type Props = Omit<DateInputProps, 'value' | 'onChange'> & { value: string; onChange(value: string): void };

/** A date typed or picked as dd.mm.yyyy, held as `YYYY-MM-DD` ('' when empty). */
export function DateField({ value, onChange, ...props }: Props) {
  const { t } = useI18n();
  return (
    <DateInput
      valueFormat="DD.MM.YYYY"
      placeholder={t('common.datePlaceholder')}
      dateParser={parseLatvianDate}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      {...props}
    />
  );
}
