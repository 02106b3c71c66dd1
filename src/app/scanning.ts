/** Resolving a scan at a desk: the one GS1 parser, then the catalog item its GTIN names. */
import { AppError } from '../domain/errors';
import { parseScan } from '../domain/gs1';
import { findItemByGtin, toItemView } from './catalog';
import type { Handlers } from './context';

export const scanHandlers = {
  'scan.resolve': (ctx, input) => {
    const parsed = parseScan(input.scan, { gsSubstitute: input.gsSubstitute, today: ctx.today });
    if (!parsed.ok) {
      const { key, params, ai, position } = parsed.error;
      throw new AppError('validation', key, { ...params, ai: ai ?? '', position: position ?? '' }, 'scan');
    }
    const item = parsed.gtin ? findItemByGtin(ctx.station.db, parsed.gtin) : undefined;
    return { scan: parsed, item: item ? toItemView(item) : null };
  },
} satisfies Partial<Handlers>;
