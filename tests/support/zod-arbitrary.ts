/**
 * fast-check inputs derived from a contract entry's zod 4 schema, for the HTTP fuzz test:
 * `validLooking` follows the schema's shape, lengths, ranges, enums and patterns, and picks
 * ids, codes and dates from what the desk holds, so many inputs pass validation and reach the
 * handlers; `hostile` breaks one thing at a time (a wrong type, a huge string, control or bidi
 * characters, a lone surrogate, an unknown key) or sends any JSON at all.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** What the desk holds, to aim the values at real records. */
export interface Pools {
  ids: string[];
  codes: string[];
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; length?: number; value?: number; inclusive?: boolean; pattern?: RegExp; format?: string } } }[];
  format?: string;
  defaultValue?: unknown;
};

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const calendarDates = fc.date({ min: new Date('2024-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function stringArb(def: Def, key: string, pools: Pools): fc.Arbitrary<string> {
  if (def.format === 'datetime') return fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (def.format === 'email') return fc.emailAddress();
  let min = 0;
  let max = 40;
  let pattern: RegExp | undefined;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length') min = d.minimum ?? 0;
    if (d.check === 'max_length') max = Math.min(max, d.maximum ?? max);
    if (d.check === 'length_equals') min = max = d.length ?? 1;
    if (d.check === 'string_format' && d.pattern) pattern = d.pattern;
  }
  const choices: fc.Arbitrary<string>[] = [];
  if (pattern) choices.push(fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= Math.max(max, min)));
  else choices.push(fc.string({ minLength: min, maxLength: Math.max(min, max) }));
  if (/id$|ids$/i.test(key) && pools.ids.length > 0) choices.push(fc.constantFrom(...pools.ids), fc.constantFrom(...pools.ids));
  if (/date$|On$|From$|To$/.test(key)) choices.push(calendarDates, calendarDates);
  if (pools.codes.length > 0) choices.push(fc.constantFrom(...pools.codes));
  return fc.oneof(...choices);
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -1_000_000;
  let max = 1_000_000;
  let int = false;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'greater_than') min = Math.max(min, (d.value ?? min) + (d.inclusive ? 0 : 1));
    if (d.check === 'less_than') max = Math.min(max, (d.value ?? max) - (d.inclusive ? 0 : 1));
    if (d.check === 'number_format') int = true;
  }
  if (min > max) return fc.constant(min);
  return int ? fc.integer({ min, max }) : fc.oneof(fc.integer({ min, max }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/** Inputs shaped as the schema says (some fail its refinements, as a person's typing would). */
export function validLooking(schema: z.ZodType, pools: Pools, key = '', depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 8) return fc.constant(null);
  switch (def.type) {
    case 'string':
      return stringArb(def, key, pools);
    case 'number':
      return numberArb(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'null':
      return fc.constant(null);
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return validLooking(def.innerType!, pools, key, depth + 1);
    case 'nullable':
      return fc.oneof({ weight: 4, arbitrary: validLooking(def.innerType!, pools, key, depth + 1) }, { weight: 1, arbitrary: fc.constant(null) });
    case 'pipe':
      return validLooking(def.in!, pools, key, depth + 1);
    case 'union':
      return fc.oneof(...def.options!.map((o) => validLooking(o, pools, key, depth + 1)));
    case 'array': {
      let maxLength = 3;
      let minLength = 0;
      for (const c of def.checks ?? []) {
        if (c._zod.def.check === 'min_length') minLength = c._zod.def.minimum ?? 0;
        if (c._zod.def.check === 'max_length') maxLength = Math.min(maxLength, c._zod.def.maximum ?? maxLength);
      }
      return fc.array(validLooking(def.element!, pools, key, depth + 1), { minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'object': {
      const shape = def.shape ?? {};
      const optional = (s: z.ZodType) => ['optional', 'default', 'prefault'].includes(defOf(s).type) || (defOf(s).type === 'pipe' && ['optional', 'default'].includes(defOf(defOf(s).in!).type));
      const required = Object.keys(shape).filter((k) => !optional(shape[k]));
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, validLooking(s, pools, k, depth + 1)])), { requiredKeys: required });
    }
    default:
      return fc.anything();
  }
}

/** Values no field should take in its stride. */
const nasty = fc.oneof(
  fc.constant('x'.repeat(200_000)),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u001d', '\u007f', '\u0085', '\u202e', '\u2066', '\ud800', '\udfff', 'a', '"', '*'), minLength: 1, maxLength: 30 }),
  fc.constantFrom('NEAR(a b)', '"', '*', "'; DROP TABLE lots; --", '../../etc/passwd', '%00', '\ud83d', '1e309'),
  fc.constantFrom(null, true, -1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2, -1e308, 1e308, [], {}, [[[]]], { __proto__: { admin: true } }),
  fc.anything({ maxDepth: 3 }),
);

/** A valid-looking input with one field made hostile or one key too many, or any JSON value at all. */
export function hostile(schema: z.ZodType, pools: Pools): fc.Arbitrary<unknown> {
  const base = validLooking(schema, pools);
  const oneBad = fc.tuple(base, nasty, fc.nat()).map(([value, bad, pick]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad;
    const keys = Object.keys(value);
    const key = keys.length > 0 ? keys[pick % keys.length] : 'field';
    return { ...(value as Record<string, unknown>), [key]: bad };
  });
  const extraKey = fc.tuple(base, nasty).map(([value, bad]) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object), unexpected: bad } : value));
  return fc.oneof({ weight: 3, arbitrary: oneBad }, { weight: 1, arbitrary: extraKey }, { weight: 1, arbitrary: nasty });
}
