/**
 * The lots a stock search names, found through indexes instead of by reading every lot: lot codes
 * and supplier lots through the trigram index (migration 011), items by SKU or name (a few dozen
 * rows). The answer is null when the term is too short for the trigram index or matches so many
 * lots that the stock list's newest-first walk finds its page sooner.
 */
import type { Db } from './db';
import { statement } from './statements';
import { ftsPhrase } from './fts';

/** The trigram index answers terms of three characters or more. */
const INDEXED_LENGTH = 3;
/** Above this many lots, collecting and sorting them costs more than walking lots newest first. */
export const SEARCH_LOTS_MAX = 2000;

/** `term` as typed (LIKE wildcards removed), `like` its contains-pattern, as the stock list's own search uses it. */
export function searchedLotIds(db: Db, term: string, like: string): string[] | null {
  if ([...term].length < INDEXED_LENGTH) return null;
  // One phrase: the whole term as a substring of the code or the supplier lot, in any case.
  const phrase = ftsPhrase(term);
  if (phrase === null) return [];
  const byCode = statement(db, 'SELECT lot_id FROM lot_search WHERE lot_search MATCH ? LIMIT ?').pluck().all(phrase, SEARCH_LOTS_MAX + 1) as string[];
  if (byCode.length > SEARCH_LOTS_MAX) return null;
  const ITEMS = 'SELECT id FROM items WHERE sku LIKE @like OR name LIKE @like';
  const ofItems = statement(db, `SELECT COUNT(*) FROM lots WHERE item_id IN (${ITEMS})`).pluck().get({ like }) as number;
  if (byCode.length + ofItems > SEARCH_LOTS_MAX) return null;
  if (ofItems === 0) return byCode;
  const byItem = statement(db, `SELECT id FROM lots WHERE item_id IN (${ITEMS})`).pluck().all({ like }) as string[];
  return [...new Set([...byCode, ...byItem])];
}

/**
 * The lots whose code or supplier lot is `term` itself (in any case) and that hold no stock: a
 * shipped or consumed lot has no balance row, so the stock list cannot show it, yet its exact code
 * must still reach its page. The trigram index finds the candidates; terms too short for it name
 * no lot code the desk issues and find none.
 */
export function exactLotsWithoutStock(db: Db, term: string): string[] {
  const phrase = ftsPhrase(term);
  if ([...term].length < INDEXED_LENGTH || phrase === null) return [];
  return statement(
    db,
    `SELECT s.lot_id FROM lot_search s WHERE lot_search MATCH @phrase
       AND (s.code = @term COLLATE NOCASE OR s.supplier_lot = @term COLLATE NOCASE)
       AND NOT EXISTS (SELECT 1 FROM balances b WHERE b.lot_id = s.lot_id) LIMIT 50`,
  )
    .pluck()
    .all({ phrase, term }) as string[];
}
