import { z } from 'zod';
import { contentDisposition } from '../../platform/content-disposition';
import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams } from '../../shared/contracts/common';
import { documentList, documentUploadQuery, maxDocumentBytes } from '../../shared/contracts/documents';
import { downloadDocument, listDocuments, uploadDocument } from './documents';

const tags = ['documents'];

export async function documentRoutes(app: App): Promise<void> {
  // Uploads are the file's bytes; a little over the limit is read so that the answer can
  // say "larger than 20 MB" instead of a bare 413.
  const bodyLimit = maxDocumentBytes + 1024 * 1024;
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/cases/:id/documents',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'The documents attached to a case',
        params: idParams,
        response: { 200: documentList },
      },
    },
    (request) =>
      asActor(request, async (ctx) => ({ documents: await listDocuments(ctx, request.params.id) })),
  );

  app.post(
    '/api/cases/:id/documents',
    {
      bodyLimit,
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Attach a file (PDF, image, office document; at most 20 MB) to a case or its activity',
        description:
          'The body is the file itself, sent as application/octet-stream; its name goes in the query.',
        params: idParams,
        querystring: documentUploadQuery,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { dataDir } = request.server.deps.config;
      const id = await asActor(request, (ctx) =>
        uploadDocument(ctx, dataDir, request.params.id, request.query, bytes),
      );
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/api/documents/:id/download',
    {
      config: { access: { permission: 'cases.read' } },
      schema: { tags, summary: 'Download a document (audited)', params: idParams },
    },
    async (request, reply) => {
      const { dataDir } = request.server.deps.config;
      const { row, bytes } = await asActor(request, (ctx) =>
        downloadDocument(ctx, dataDir, request.params.id),
      );
      return reply
        .header('content-type', row.mediaType)
        .header('content-disposition', contentDisposition(row.fileName))
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}
