import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { ActorCtx } from '../../platform/context';
import { AppError, type FieldProblem, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import {
  type DocumentView,
  type documentUploadQuery,
  maxDocumentBytes,
} from '../../shared/contracts/documents';
import { activities } from '../activities/tables';
import { findCase } from '../cases/policy';
import { users } from '../users/tables';
import { detectFileType, sanitiseFileName } from './file-type';
import { documents } from './tables';

/** Files live in DATA_DIR/documents, named by the document's id only (never by the user's name). */
const pathOf = (dataDir: string, id: string) => join(dataDir, 'documents', id);

/** A stored file's bytes, for a caller that has already decided it may have them (a subject access export). */
export const unsafeDocumentBytes = (dataDir: string, id: string) => readFile(pathOf(dataDir, id));

/** Removes a stored file (retention); a file already gone is no error. */
export const unsafeRemoveDocumentFile = (dataDir: string, id: string) =>
  rm(pathOf(dataDir, id), { force: true });

/**
 * Attaches a file to a case (and optionally one of its activities). Every check comes
 * before any write; the row and the audit entry are written in the transaction and the
 * file last, so a failed write rolls the row back. (A crash between writing the file and
 * the commit can leave a file without a row: never readable, harmless, removable.)
 */
export async function uploadDocument(
  ctx: ActorCtx,
  dataDir: string,
  caseId: string,
  query: z.output<typeof documentUploadQuery>,
  bytes: Buffer,
): Promise<string> {
  const row = await findCase(ctx, caseId, 'write');
  if (bytes.length === 0) throw invalid({ field: 'file', key: 'validation.fileEmpty' });
  if (bytes.length > maxDocumentBytes) throw invalid({ field: 'file', key: 'validation.fileTooLarge' });
  const type = detectFileType(bytes);
  if (!type) throw invalid({ field: 'file', key: 'validation.fileType' });
  const fileName = sanitiseFileName(query.name, type);
  const problems: FieldProblem[] = [];
  if (!fileName)
    problems.push({
      field: 'file',
      key: 'validation.fileDisguised',
      params: { type: type.extension.toUpperCase() },
    });
  if (query.activityId) {
    const [activity] = await ctx.tx
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.id, query.activityId), eq(activities.caseId, caseId)));
    if (!activity) problems.push({ field: 'activityId', key: 'validation.unknownActivity' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION', { fields: problems });

  const id = newId(ctx.now.getTime());
  await ctx.tx.insert(documents).values({
    id,
    organisationId: row.organisationId,
    caseId,
    familyId: row.familyId,
    activityId: query.activityId ?? null,
    fileName: fileName!,
    mediaType: type.mediaType,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    description: query.description,
    uploadedBy: ctx.actor.userId,
    uploadedAt: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'document.upload',
    entityType: 'document',
    entityId: id,
    details: { caseId, mediaType: type.mediaType, sizeBytes: bytes.length },
  });
  await mkdir(join(dataDir, 'documents'), { recursive: true, mode: 0o700 });
  await writeFile(pathOf(dataDir, id), bytes, { mode: 0o600, flag: 'wx' });
  return id;
}

/** The documents of a case, newest first (an audited read). */
export async function listDocuments(ctx: ActorCtx, caseId: string): Promise<DocumentView[]> {
  await findCase(ctx, caseId);
  await recordAudit(ctx, { action: 'case.read_documents', entityType: 'case', entityId: caseId });
  const rows = await ctx.tx
    .select({ d: documents, name: sql<string>`${users.givenName} || ' ' || ${users.familyName}` })
    .from(documents)
    .innerJoin(users, eq(users.id, documents.uploadedBy))
    .where(eq(documents.caseId, caseId))
    .orderBy(desc(documents.uploadedAt));
  return rows.map(({ d, name }) => ({
    id: d.id,
    caseId: d.caseId,
    activityId: d.activityId,
    fileName: d.fileName,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    description: d.description,
    uploadedByName: name,
    uploadedAt: d.uploadedAt.toISOString(),
  }));
}

/** A document's bytes for someone who may open its case; every download is audited. */
export async function downloadDocument(ctx: ActorCtx, dataDir: string, documentId: string) {
  const [row] = await ctx.tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.organisationId, ctx.actor.organisationId)));
  if (!row) throw notFound();
  await findCase(ctx, row.caseId);
  await recordAudit(ctx, {
    action: 'document.download',
    entityType: 'document',
    entityId: row.id,
    details: { caseId: row.caseId },
  });
  return { row, bytes: await readFile(pathOf(dataDir, row.id)) };
}
