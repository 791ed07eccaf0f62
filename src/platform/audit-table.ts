import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuditOutcome } from '../shared/contracts/audit';

export const auditLog = pgTable('audit_log', {
  id: uuid().primaryKey(),
  organisationId: uuid('organisation_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  actorUserId: uuid('actor_user_id'),
  action: text().notNull(),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  outcome: text().$type<AuditOutcome>().notNull(),
  ip: text(),
  reason: text(),
  details: jsonb().$type<Record<string, unknown>>().notNull(),
});
