import { Badge } from '@mantine/core';
import type { CaseStatus, RiskLevel } from '../../shared/registry';
import { useI18n } from '../i18n';

const statusColour: Record<CaseStatus, string> = {
  referred: 'indigo.9',
  intake: 'violet.9',
  active: 'teal.9',
  closed: 'gray.7',
};
const riskColour: Record<RiskLevel, string> = { high: 'red.9', medium: 'orange.9', low: 'teal.9' };

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={statusColour[status]} variant="filled">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function RiskBadge({ risk }: { risk: RiskLevel | null }) {
  const { t } = useI18n();
  if (!risk) return null;
  return (
    <Badge color={riskColour[risk]} variant="filled">
      {t('case.risk')}: {t(`risk.${risk}`)}
    </Badge>
  );
}

/** Options for a Select from a fixed vocabulary, labelled through i18n. */
export function useOptions<T extends string>(values: readonly T[], prefix: string) {
  const { t } = useI18n();
  return values.map((value) => ({ value, label: t(`${prefix}.${value}` as never) }));
}
