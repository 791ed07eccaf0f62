import fc from 'fast-check';

/**
 * Hostile values for a zod contract, for the fuzz test: mostly values of the right shape (so that requests
 * get past the validator and reach the use cases and the database), with any field at any depth replaced
 * now and then by something an attacker would send.
 */

/** A zod schema's definition, as far as the generator reads it (zod 4's `_zod.def`). */
interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Def[] => ((def.checks as unknown[]) ?? []).map((c) => defOf(c));
const check = (def: Def, name: string) => checksOf(def).find((c) => c.check === name);

/** What attackers send: control and lone surrogate characters, injections, traversals, extremes, wrong types. */
export const nastyValues: unknown[] = [
  '',
  ' ',
  '\u0000',
  'Kalniņa\u0000',
  '\ud800',
  'a\udfffb',
  '\u202efdp.exe',
  "' OR '1'='1",
  "'; DROP TABLE persons; --",
  '$1',
  '%00',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  '{{7*7}}',
  'x'.repeat(100_001),
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '275760-09-13',
  '2026-02-30',
  '1899-12-31',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  true,
  null,
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
];

export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...nastyValues), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4 }), weight: 1 },
);

/** Dates from long before to long after anything the product records. */
const isoDate = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringOf(def: Def, ids: string[]): fc.Arbitrary<unknown> {
  const format =
    (def.format as string | undefined) ?? (check(def, 'string_format')?.format as string | undefined);
  if (format === 'uuid' || format === 'guid')
    return ids.length > 0
      ? fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 3 }, fc.uuid())
      : fc.uuid();
  if (format === 'email') return fc.emailAddress();
  if (format === 'date') return isoDate;
  if (format === 'datetime') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  const min = (check(def, 'min_length')?.minimum as number | undefined) ?? 0;
  const max = Math.max(min, Math.min((check(def, 'max_length')?.maximum as number | undefined) ?? 60, 60));
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
  );
}

function numberOf(def: Def, integer: boolean): fc.Arbitrary<number> {
  const low = (check(def, 'greater_than')?.value as number | undefined) ?? -1000;
  const high = (check(def, 'less_than')?.value as number | undefined) ?? 100_000;
  const min = Math.max(Math.ceil(low) - 1, -(2 ** 31));
  const max = Math.min(Math.floor(high) + 1, 2 ** 31);
  return integer || def.type === 'int'
    ? fc.integer({ min, max })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values of the schema's shape, each part of which may be hostile instead. */
export function hostile(schema: unknown, ids: string[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: shaped(schema, ids), weight: 6 }, { arbitrary: nasty, weight: 1 });
}

function shaped(schema: unknown, ids: string[]): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(hostile(def.innerType, ids), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(hostile(def.innerType, ids), { nil: null, freq: 4 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fields = Object.fromEntries(
        Object.entries(shape).map(([key, field]) => [key, hostile(field, ids)]),
      );
      return fc
        .tuple(
          fc.record(fields, { requiredKeys: [] }),
          fc.option(fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 2 }), { freq: 8 }),
        )
        .map(([known, extra]) => ({ ...(extra ?? {}), ...known }));
    }
    case 'string':
      return stringOf(def, ids);
    case 'number':
    case 'int':
      return numberOf(def, def.type === 'int');
    case 'bigint':
      return fc.bigInt().map(String);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'array': {
      const min = (check(def, 'min_length')?.minimum as number | undefined) ?? 0;
      const max = Math.max(min, Math.min((check(def, 'max_length')?.maximum as number | undefined) ?? 4, 4));
      return fc.array(hostile(def.element, ids), { minLength: min, maxLength: max });
    }
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((option) => hostile(option, ids)));
    case 'pipe':
      return shaped(def.in, ids);
    case 'lazy':
      return shaped((def.getter as () => unknown)(), ids);
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.string({ maxLength: 12 }), nasty), {
        maxKeys: 3,
      });
    default:
      return nasty;
  }
}

/** A value for a URL; a lone surrogate (which cannot be encoded) becomes bytes that are not UTF-8 at all. */
export function urlEncode(value: unknown): string {
  try {
    return encodeURIComponent(String(value));
  } catch {
    return '%ED%A0%80';
  }
}

/** A query string for a value the generator made: objects and arrays become repeated or JSON values. */
export function queryString(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return value === undefined ? '' : `?q=${urlEncode(value)}`;
  const params = new URLSearchParams();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    for (const one of Array.isArray(item) ? item : [item])
      params.append(key, typeof one === 'object' && one !== null ? JSON.stringify(one) : String(one));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A value for a path parameter: mostly the id of a real record, sometimes anything. */
export const pathValue = (ids: string[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      { arbitrary: fc.constantFrom(...ids), weight: 6 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: fc.constantFrom('0', '..', '%00', '-1', 'x'.repeat(300), "1' OR '1'='1"), weight: 1 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
    )
    .map(urlEncode);
