import { z } from 'zod';

export const healthResponse = z.object({
  /** `unavailable` (with status 503) while the database cannot be reached. */
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponse>;
