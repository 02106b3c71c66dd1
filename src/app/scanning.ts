/** Resolving a scan at a desk: the one GS1 parser, then the catalog item its GTIN names. */
import { AppError } from '../domain/errors';
import { parseScan } from '../domain/gs1';
import type { Gs1Error } from '../domain/gs1/types';
import { findItemByGtin, toItemView } from './catalog';
import type { Handlers } from './context';

/** A scan the GS1 parser refused, as the field error of the `scan` input. */
export function scanError({ key, params, ai, position }: Gs1Error): AppError {
  return new AppError('validation', key, { ...params, ai: ai ?? '', position: position ?? '' }, 'scan');
}

export const scanHandlers = {
  'scan.resolve': (ctx, input) => {
    const parsed = parseScan(input.scan, { gsSubstitute: input.gsSubstitute, today: ctx.today });
    if (!parsed.ok) throw scanError(parsed.error);
    const item = parsed.gtin ? findItemByGtin(ctx.station.db, parsed.gtin) : undefined;
    return { scan: parsed, item: item ? toItemView(item) : null };
  },
} satisfies Partial<Handlers>;
