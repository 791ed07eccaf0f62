import { Group, Radio, type RadioGroupProps } from '@mantine/core';
import { attendances } from '../../shared/activities';
import { useI18n } from '../i18n';

/**
 * One participant's attendance (present, absent, excused): the name above its choices, so a list of them is
 * one column that fits a phone. Screen readers hear "Attendance: <name>". `name` null: a participant the
 * caller may not see by name.
 */
export function AttendanceChoices({
  name,
  ...props
}: { name: string | null } & Omit<RadioGroupProps, 'label' | 'children' | 'name'>) {
  const { t } = useI18n();
  return (
    <Radio.Group
      {...props}
      label={
        <>
          <span className="visually-hidden">{t('groups.attendance')}: </span>
          {name ?? t('roster.participant')}
        </>
      }
    >
      <Group gap="md" mt={4}>
        {attendances.map((a) => (
          <Radio key={a} value={a} label={t(`attendance.${a}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
}
