import { Badge } from '@mantine/core';
import type { MatchStatus, MatchView } from '../../../shared/contracts/mentoring';
import { useI18n } from '../../i18n';

const statusColour: Record<MatchStatus, string> = {
  proposed: 'blue.9',
  active: 'green.9',
  paused: 'orange.9',
  closed: 'gray.8',
};

/** A match's status, or that it was voided. */
export function MatchStatusBadge({ match }: { match: MatchView }) {
  const { t } = useI18n();
  if (match.voided) return <Badge color="red.9">{t('mentoring.voided')}</Badge>;
  return (
    <Badge color={statusColour[match.status]} variant="light">
      {t(`mentoring.status.${match.status}`)}
    </Badge>
  );
}
