/** Station administration: lot numbering patterns per item or site. */
import { fail } from '../../domain/errors';
import { checkLotPattern, LOT_PATTERN_TOKENS } from '../../domain/lot-pattern';
import type { Handlers } from '../kernel/context';
import { noteChanges } from '../kernel/audit-changes';
import { itemAuditFields, siteLotPattern } from '../../store/audited-records';

export const adminHandlers = {
  'admin.setLotPattern': (ctx, input) => {
    const db = ctx.station.db;
    if ((input.itemId === undefined) === (input.siteCode === undefined)) {
      throw fail.validation('errors.lotPattern.itemOrSite', 'itemId');
    }
    if (input.pattern !== null) {
      const problem = checkLotPattern(input.pattern);
      if (problem) // Tokens go in as parameters: braces in a message text would be read as placeholders.
      throw fail.validation(`errors.lotPattern.${problem}`, 'pattern', { pattern: input.pattern, tokens: LOT_PATTERN_TOKENS, example: '{SEQ:4}' });
    } else if (input.siteCode !== undefined) {
      throw fail.validation('errors.lotPattern.siteNeedsPattern', 'pattern');
    }
    const item = input.itemId ? itemAuditFields(db, input.itemId) : null;
    const before = input.itemId ? item : siteLotPattern(db, input.siteCode!);
    const res = input.itemId
      ? db.prepare('UPDATE items SET lot_pattern = ? WHERE id = ?').run(input.pattern, input.itemId)
      : db.prepare('UPDATE sites SET lot_pattern = ? WHERE code = ?').run(input.pattern, input.siteCode);
    if (res.changes !== 1) throw fail.notFound(input.itemId ? 'errors.item.unknown' : 'errors.site.unknown', {}, input.itemId ? 'itemId' : 'siteCode');
    const ref = input.itemId
      ? { object: 'item', id: input.itemId, label: item!.sku }
      : { object: 'site', id: input.siteCode!, label: input.siteCode! };
    noteChanges(ctx, ref, { lotPattern: before!.lotPattern }, { lotPattern: input.pattern });
    return { done: true };
  },
} satisfies Partial<Handlers>;
