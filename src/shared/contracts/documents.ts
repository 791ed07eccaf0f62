import { z } from 'zod';
import { text } from './common';

/** The largest file accepted: 20 MB. */
export const maxDocumentBytes = 20 * 1024 * 1024;

/** Sent as the query of an upload; the body is the file's bytes (application/octet-stream). */
export const documentUploadQuery = z.object({
  /**
   * The file's name, without bidirectional control characters: U+202E would make `invoice‮fdp.txt` look like
   * `invoicetxt.pdf` to whoever downloads it.
   */
  name: text(255)
    .min(1)
    .transform((name) => name.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')),
  description: text(500).default(''),
  activityId: z.uuid().optional(),
});

export const documentView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  activityId: z.uuid().nullable(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  description: z.string(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type DocumentView = z.infer<typeof documentView>;
export const documentList = z.object({ documents: z.array(documentView) });
