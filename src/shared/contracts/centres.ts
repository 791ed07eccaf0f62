import { z } from 'zod';

export const centre = z.object({
  id: z.uuid(),
  name: z.string(),
  municipality: z.string(),
  address: z.string(),
  active: z.boolean(),
});
export type Centre = z.infer<typeof centre>;

export const centreInput = z.object({
  name: z.string().trim().min(2).max(120),
  municipality: z.string().trim().max(120).default(''),
  address: z.string().trim().max(300).default(''),
  active: z.boolean().default(true),
});
export type CentreInput = z.input<typeof centreInput>;

export const centreList = z.object({ centres: z.array(centre) });
