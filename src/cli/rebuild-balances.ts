/**
 * `lotdesk store rebuild-balances --db FILE`: compares the balances table with the ledger, lists
 * every difference, then rebuilds the table from the ledger. Exit 0 when they already agreed.
 */
import { compareBalances, rebuildBalances } from '../store/ledger';
import { withDb } from './with-db';

export async function run(args: string[]): Promise<number> {
  return withDb('store rebuild-balances', args, (db) => {
    const before = compareBalances(db);
    for (const d of before) console.log(`lot ${d.lotId} at ${d.locationId}: table ${d.table}, ledger ${d.ledger}`);
    rebuildBalances(db);
    if (compareBalances(db).length > 0) throw new Error('balances still differ from the ledger after the rebuild');
    const count = (db.prepare('SELECT COUNT(*) AS n FROM balances').get() as { n: number }).n;
    console.log(before.length === 0 ? `balances equal the ledger (${count} rows)` : `rebuilt: ${before.length} difference(s) corrected, ${count} rows`);
    return before.length === 0 ? 0 : 1;
  });
}
