import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { NoticeKind } from '../../shared/contracts/notices';

export const notices = pgTable('notices', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  kind: text().$type<NoticeKind>().notNull(),
  toRole: text('to_role').$type<'data_protection_officer'>(),
  toCentreId: uuid('to_centre_id'),
  toUserId: uuid('to_user_id'),
  details: jsonb().$type<Record<string, string | null>>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  acknowledgedBy: uuid('acknowledged_by'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
});
