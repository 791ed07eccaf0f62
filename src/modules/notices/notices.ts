import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx, Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { NoticeKind, NoticeView } from '../../shared/contracts/notices';
import { centres } from '../centres/tables';
import { users } from '../users/tables';
import { noticeVisible } from './policy';
import { notices } from './tables';

/** Leaves a notice for the data protection officer or for the managers of a centre, in the caller's transaction. */
export async function notify(
  ctx: Ctx,
  organisationId: string,
  notice: {
    kind: NoticeKind;
    to: { role: 'data_protection_officer' } | { centreId: string } | { userId: string };
    details: Record<string, string | null>;
  },
): Promise<void> {
  await ctx.tx.insert(notices).values({
    id: newId(ctx.now.getTime()),
    organisationId,
    kind: notice.kind,
    toRole: 'role' in notice.to ? notice.to.role : null,
    toCentreId: 'centreId' in notice.to ? notice.to.centreId : null,
    toUserId: 'userId' in notice.to ? notice.to.userId : null,
    details: notice.details,
    createdBy: ctx.actor?.userId ?? null,
    createdAt: ctx.now,
  });
}

// The user and centre a notice names are kept in its details.
const sqlUserId = sql`(${notices.details}->>'userId')::uuid`;
const sqlCentreId = sql`coalesce((${notices.details}->>'centreId')::uuid, ${notices.toCentreId})`;

/** The caller's notices waiting to be acknowledged, newest first. */
export async function listNotices(ctx: ActorCtx): Promise<NoticeView[]> {
  const author = alias(users, 'author');
  const subject = alias(users, 'subject');
  const rows = await ctx.tx
    .select({
      notice: notices,
      byGiven: author.givenName,
      byFamily: author.familyName,
      userGiven: subject.givenName,
      userFamily: subject.familyName,
      centreName: centres.name,
    })
    .from(notices)
    .leftJoin(author, eq(author.id, notices.createdBy))
    .leftJoin(subject, eq(subject.id, sqlUserId))
    .leftJoin(centres, eq(centres.id, sqlCentreId))
    .where(noticeVisible(ctx.actor))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(100);
  return rows.map((r) => ({
    id: r.notice.id,
    kind: r.notice.kind,
    createdAt: r.notice.createdAt.toISOString(),
    byName: r.byGiven ? `${r.byGiven} ${r.byFamily}` : '',
    userName: r.userGiven ? `${r.userGiven} ${r.userFamily}` : (r.notice.details.mentorName ?? null),
    role: r.notice.details.role ?? null,
    centreName: r.centreName,
    caseId: r.notice.details.caseId ?? null,
    reason: r.notice.details.reason ?? null,
  }));
}

/** Marks a notice as seen by one of its addressees; audited. */
export async function acknowledgeNotice(ctx: ActorCtx, id: string): Promise<void> {
  const [row] = await ctx.tx
    .update(notices)
    .set({ acknowledgedBy: ctx.actor.userId, acknowledgedAt: ctx.now })
    .where(and(eq(notices.id, id), noticeVisible(ctx.actor)))
    .returning({ id: notices.id, kind: notices.kind });
  if (!row) throw notFound();
  await recordAudit(ctx, {
    action: 'notice.acknowledge',
    entityType: 'notice',
    entityId: id,
    details: { kind: row.kind },
  });
}
