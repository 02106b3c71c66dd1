/**
 * Field schemas shared by contract entries. Messages are i18n keys, so a schema failure becomes
 * a translated, field-named error on every transport.
 */
import { z } from 'zod';
import { isCalendarDate } from '../domain/dates';

export const id = (field = 'id') => z.string({ error: `errors.validation.required` }).min(1, { error: 'errors.validation.required' }).max(64).describe(field);

export const calendarDate = z
  .string({ error: 'errors.date.invalid' })
  .refine(isCalendarDate, { error: 'errors.date.invalid' });

export const quantity = z.number({ error: 'errors.quantity.notANumber' });

/** A whole number from `min` to `max`; every way to miss it (not a number, a fraction, out of range) is the one message `key`. */
export const wholeNumber = (key: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number({ error: key }).int({ error: key }).min(min, { error: key }).max(max, { error: key });

export const text = (max: number) => z.string({ error: 'errors.validation.text' }).trim().max(max, { error: 'errors.validation.tooLong' });

export const empty = z.object({}).strict();
