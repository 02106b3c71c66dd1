/** Resolving a scan at a desk: the one GS1 parser, then the catalog item its GTIN names. */
import { AppError, fail } from '../../domain/errors';
import { parseScan } from '../../domain/gs1';
import type { Gs1Error } from '../../domain/gs1/types';
import { findItemByGtin, findItemBySku, toItemView } from '../master-data/catalog';
import type { Handlers } from '../kernel/context';

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

  'scan.item': (ctx, input) => {
    const db = ctx.station.db;
    const code = input.scan.trim();
    let item = findItemBySku(db, code);
    if (!item) {
      // A bare GTIN-14 carries no AI, so the GS1 parser does not take it; EAN-13, UPC-A and GS1 labels it does.
      const parsed = /^\d{14}$/.test(code) ? null : parseScan(input.scan, { gsSubstitute: input.gsSubstitute, today: ctx.today });
      const gtin = parsed === null ? code : parsed.ok ? parsed.gtin : undefined;
      if (gtin) item = findItemByGtin(db, gtin);
    }
    if (!item) throw fail.notFound('errors.item.codeUnknown', { scan: code }, 'scan');
    return toItemView(item);
  },
} satisfies Partial<Handlers>;
