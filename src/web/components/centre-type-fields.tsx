import { Group, Select } from '@mantine/core';
import type { ActivityType } from '../../shared/contracts/activities';
import { useI18n } from '../i18n';

/**
 * The centre and activity type that begin the forms for a centre's own activities and for
 * events: a pair of selects side by side, in the reader's language.
 */
export function CentreAndTypeFields({
  centres,
  types,
  centreId,
  typeId,
  onChange,
  typeError,
}: {
  centres: { id: string; name: string }[];
  types: ActivityType[];
  centreId: string;
  typeId: string;
  onChange: (change: { centreId: string } | { typeId: string }) => void;
  typeError?: string;
}) {
  const { t, language } = useI18n();
  return (
    <Group grow align="flex-start">
      <Select
        label={t('case.centre')}
        data={centres.map((c) => ({ value: c.id, label: c.name }))}
        value={centreId}
        onChange={(v) => onChange({ centreId: v ?? '' })}
        allowDeselect={false}
      />
      <Select
        label={t('activity.type')}
        data={types.map((x) => ({ value: x.id, label: language === 'lv' ? x.nameLv : x.nameEn }))}
        value={typeId}
        onChange={(v) => onChange({ typeId: v ?? '' })}
        error={typeError}
        allowDeselect={false}
      />
    </Group>
  );
}
