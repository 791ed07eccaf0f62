import { z } from 'zod';
import { text } from './common';

export const centre = z.object({
  id: z.uuid(),
  name: z.string(),
  municipality: z.string(),
  address: z.string(),
  active: z.boolean(),
});
export type Centre = z.infer<typeof centre>;

export const centreInput = z.object({
  name: text(120).min(2),
  municipality: text(120).default(''),
  address: text(300).default(''),
  active: z.boolean().default(true),
});
export type CentreInput = z.input<typeof centreInput>;

export const centreList = z.object({ centres: z.array(centre) });
