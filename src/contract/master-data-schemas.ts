/**
 * Input schemas of items, parties and bins (issue 15): the contract's commands and the import
 * files check a record with the same schema, so a typed item and an imported row meet one rule.
 */
import { z } from 'zod';
import { hasValidCheckDigit } from '../domain/gs1/check-digit';
import { UNITS } from '../domain/quantity';
import { multilineText, refuseUnsafe, text, wholeNumber } from './schemas';

const UNIT_NAMES = Object.keys(UNITS) as [keyof typeof UNITS, ...(keyof typeof UNITS)[]];

/** Text that may be left empty: '' and null both mean none. */
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

/** A coded field that may be left empty ('' or null: none); anything typed meets `field`. */
const orNone = <O>(field: z.ZodType<O, string>) =>
  z
    .string({ error: 'errors.validation.text' })
    .trim()
    .check(refuseUnsafe())
    .nullable()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(field.nullable());

/** A GTIN-8, -12, -13 or -14 with its check digit; stored as 14 digits, as the GS1 parser reads it. */
export const gtinField = z
  .string({ error: 'errors.items.badGtin' })
  .trim()
  .regex(/^(\d{8}|\d{12,14})$/, { error: 'errors.items.badGtin' })
  .refine(hasValidCheckDigit, { error: 'errors.items.gtinCheckDigit' })
  .transform((g) => g.padStart(14, '0'));

export const itemFields = z
  .object({
    sku: text(32)
      .min(1, { error: 'errors.validation.required' })
      .regex(/^\S+$/, { error: 'errors.items.badSku' }),
    gtin: orNone(gtinField),
    name: text(120).min(1, { error: 'errors.validation.required' }),
    nameZh: optionalText(120),
    unit: z.enum(UNIT_NAMES, { error: 'errors.items.badUnit' }),
    shelfLifeDays: wholeNumber('errors.items.shelfLifeDays', 1, 36500)
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    qcRequired: z.boolean({ error: 'errors.items.badFlag' }).default(false),
    removalStrategy: z.enum(['FEFO', 'FIFO', 'LIFO'], { error: 'errors.items.badStrategy' }).default('FEFO'),
    nearExpiryDays: wholeNumber('errors.nearExpiry.days', 0, 3650)
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    lotPattern: optionalText(64),
    /** A zone code of the station's site. */
    defaultZone: optionalText(16),
    catchWeight: z.boolean({ error: 'errors.items.badFlag' }).default(false),
  })
  .strict();

const glnField = z
  .string({ error: 'errors.parties.badGln' })
  .trim()
  .regex(/^\d{13}$/, { error: 'errors.parties.badGln' })
  .refine(hasValidCheckDigit, { error: 'errors.parties.glnCheckDigit' });

export const contactFields = z
  .object({
    name: text(80).min(1, { error: 'errors.parties.contactName' }),
    phone: optionalText(40),
    email: orNone(z.email({ error: 'errors.parties.badEmail' }).max(120, { error: 'errors.validation.tooLong' })),
    role: optionalText(40),
  })
  .strict();

export const partyFields = z
  .object({
    kind: z.enum(['supplier', 'customer'], { error: 'errors.parties.badKind' }),
    code: text(32)
      .min(1, { error: 'errors.validation.required' })
      .regex(/^\S+$/, { error: 'errors.parties.badCode' }),
    name: text(120).min(1, { error: 'errors.validation.required' }),
    nameZh: optionalText(120),
    gln: orNone(glnField),
    address: multilineText(300)
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    region: optionalText(32),
    channel: optionalText(32),
    contacts: z.array(contactFields).max(20).default([]),
  })
  .strict();

export const binFields = z
  .object({
    code: text(32)
      .min(1, { error: 'errors.validation.required' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'errors.bins.badCode' }),
    zone: text(16)
      .min(1, { error: 'errors.validation.required' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'errors.bins.badZone' }),
    pickable: z.boolean({ error: 'errors.items.badFlag' }).default(true),
    quarantine: z.boolean({ error: 'errors.items.badFlag' }).default(false),
    receiving: z.boolean({ error: 'errors.items.badFlag' }).default(false),
    staging: z.boolean({ error: 'errors.items.badFlag' }).default(false),
  })
  .strict();

/** The most rows one import file may carry; a larger file is refused whole, with this number. */
export const MASTER_IMPORT_MAX_ROWS = 20_000;
/** The largest file (as base64) an import accepts. */
export const MASTER_IMPORT_MAX_BASE64 = 40_000_000;

export const importFile = z
  .object({
    fileName: text(200).min(1, { error: 'errors.validation.required' }),
    base64: z.string({ error: 'errors.validation.required' }).max(MASTER_IMPORT_MAX_BASE64, { error: 'errors.import.tooLarge' }),
  })
  .strict();

export type ItemFieldsInput = z.input<typeof itemFields>;
export type ItemFieldsParsed = z.output<typeof itemFields>;
export type PartyFieldsParsed = z.output<typeof partyFields>;
export type BinFieldsParsed = z.output<typeof binFields>;
