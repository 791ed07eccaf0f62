import { DateInput, type DateInputProps } from '@mantine/dates';
import { parseDisplayDate } from '../../shared/i18n';
import { useI18n } from '../i18n';

type Props = Omit<DateInputProps, 'value' | 'onChange'> & { value?: string; onChange?(value: string): void };

/** A date typed or picked as dd.mm.yyyy, held as `YYYY-MM-DD` ('' when empty). */
export function DateField({ value, onChange, ...props }: Props) {
  const { t } = useI18n();
  return (
    <DateInput
      valueFormat="DD.MM.YYYY"
      placeholder={t('common.datePlaceholder')}
      dateParser={parseDisplayDate}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      ariaLabels={{
        previousMonth: t('calendar.previousMonth'),
        nextMonth: t('calendar.nextMonth'),
        previousYear: t('calendar.previousYear'),
        nextYear: t('calendar.nextYear'),
        previousDecade: t('calendar.previousDecade'),
        nextDecade: t('calendar.nextDecade'),
        monthLevelControl: t('calendar.chooseMonth'),
        yearLevelControl: t('calendar.chooseYear'),
      }}
      value={value || null}
      onChange={(next) => onChange?.(next ?? '')}
      {...props}
    />
  );
}
