import { type Permission, type Role, rolePermissions, roles } from '../../shared/access';
import type { RetentionRules } from '../../shared/contracts/retention';
import { formatDateTime, type Language, type MessageKey, translate } from '../../shared/i18n';
import { pdfDocument, renderPdf } from '../reports/output';

/**
 * The records of processing activities (GDPR Art. 30), generated from the product's own configuration: what
 * each kind of processing holds, why, on which legal basis, how long (from the organisation's retention rules), and
 * which roles reach it (from the permission table in src/shared/access.ts, so it cannot drift from what
 * the code enforces).
 */
const activities: { key: string; permissions: Permission[]; retention: 'cases' | 'kept' | 'account' }[] = [
  { key: 'casework', permissions: ['cases.read'], retention: 'cases' },
  { key: 'groups', permissions: ['groups.run', 'cases.read'], retention: 'cases' },
  { key: 'reporting', permissions: ['projects.read', 'reports.read', 'partner.read'], retention: 'kept' },
  { key: 'volunteers', permissions: ['mentoring.run', 'projects.manage'], retention: 'kept' },
  { key: 'accounts', permissions: ['users.manage', 'audit.read'], retention: 'account' },
];

export interface ProcessingRecord {
  name: string;
  data: string;
  purpose: string;
  legalBasis: string;
  retention: string;
  roles: string[];
}

export function recordsOfProcessing(
  language: Language,
  rules: Pick<RetentionRules, 'caseYears' | 'documentYears'>,
): ProcessingRecord[] {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(language, key as MessageKey, params);
  return activities.map((activity) => ({
    name: t(`processing.${activity.key}.name`),
    data: t(`processing.${activity.key}.data`),
    purpose: t(`processing.${activity.key}.purpose`),
    legalBasis: t(`processing.${activity.key}.basis`),
    retention:
      activity.retention === 'cases'
        ? `${t('processing.retention.cases', { count: rules.caseYears })} ${t('processing.retention.documents', { count: rules.documentYears })}`
        : t(`processing.retention.${activity.retention}`),
    roles: roles
      .filter((role: Role) => rolePermissions[role].some((p) => activity.permissions.includes(p)))
      .map((role) => t(`role.${role}`)),
  }));
}

export async function recordsOfProcessingPdf(
  records: ProcessingRecord[],
  language: Language,
  organisation: string,
  now: Date,
): Promise<Uint8Array> {
  const t = (key: string) => translate(language, key as MessageKey);
  const content: unknown[] = [
    { text: organisation, style: 'organisation' },
    { text: t('processing.title'), style: 'title' },
    { text: formatDateTime(now.toISOString()), style: 'meta' },
  ];
  for (const record of records) {
    content.push({ text: record.name, style: 'section' });
    content.push({
      table: {
        widths: ['auto', '*'],
        body: [
          [t('processing.data'), record.data],
          [t('processing.purpose'), record.purpose],
          [t('processing.basis'), record.legalBasis],
          [t('processing.retention'), record.retention],
          [t('processing.access'), record.roles.join(', ')],
        ].map(([label, value]) => [{ text: label, bold: true }, value]),
      },
      layout: 'lightHorizontalLines',
    });
  }
  return renderPdf(
    pdfDocument({ title: t('processing.title'), author: organisation, creationDate: now }, content, 9),
  );
}
