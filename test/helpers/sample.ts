import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/** A zod schema's definition, as far as the sample generator reads it (zod 4's `_zod.def`). */
interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Def[] => ((def.checks as unknown[]) ?? []).map((c) => defOf(c) as Def);

function sampleString(def: Def): string {
  const format =
    (def.format as string | undefined) ?? checksOf(def).find((c) => c.check === 'string_format')?.format;
  if (format === 'uuid' || format === 'guid') return randomUUID();
  if (format === 'email') return `sample-${randomUUID().slice(0, 8)}@example.org`;
  if (format === 'date') return '2026-02-02';
  if (format === 'datetime') return '2026-02-02T10:00:00Z';
  if (format === 'regex') return '';
  const min = checksOf(def).find((c) => c.check === 'min_length')?.minimum as number | undefined;
  return 'Paraugs'.padEnd(min ?? 0, 'x');
}

/**
 * The smallest value a zod schema accepts, built from the schema itself: optional fields left out,
 * nullable ones null, the first enum member, a fresh uuid for every id. `undefined` when the
 * generator cannot satisfy the schema (a regex, a refinement): the caller then supplies a body itself.
 */
export function sample(schema: z.ZodType): unknown {
  const value = build(schema);
  return schema.safeParse(value).success ? value : undefined;
}

function build(schema: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return undefined;
    case 'nullable':
      return null;
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const v = build(field);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'string':
      return sampleString(def);
    case 'number':
    case 'int': {
      const min = checksOf(def).find((c) => c.check === 'greater_than')?.value as number | undefined;
      return min !== undefined ? Math.max(1, Math.ceil(min)) : 1;
    }
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array': {
      const min = checksOf(def).find((c) => c.check === 'min_length')?.minimum as number | undefined;
      return Array.from({ length: min ?? 0 }, () => build(def.element));
    }
    case 'union':
      return build((def.options as unknown[])[0]);
    case 'pipe':
      return build(def.in);
    case 'record':
      return {};
    default:
      return undefined;
  }
}
