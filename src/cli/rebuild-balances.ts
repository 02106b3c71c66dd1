/**
 * `lotdesk store rebuild-balances --db FILE [--keys FILE]`: compares the balances table with the
 * ledger and lists every difference, then rebuilds the table from the ledger — but never launders
 * (issue 18): it refuses to rewrite anything when the ledger fails the audit chain's check (a
 * movement forged behind the application's back) or implies negative stock, and says why.
 * Exit 0 when they already agreed, 1 when it rebuilt or refused, 2 usage.
 */
import { appendAudit, attachChain } from '../app/kernel/audit-log';
import { defaultCheckpointPath } from '../app/kernel/checkpoints';
import { getSetting } from '../app/kernel/settings';
import { LedgerSnapshot } from '../store/ledger';
import { checkChain, localeOf, problemLine, VERIFY_OPTIONS } from './audit-verify';
import { withDb } from './with-db';

export async function run(args: string[]): Promise<number> {
  return withDb(
    'store rebuild-balances',
    args,
    (db, values, file) => {
      // One aggregation of the ledger for the comparison, the negative check and the rebuild (issue 21).
      const ledger = new LedgerSnapshot(db);
      try {
        const before = ledger.differences();
        for (const d of before) console.log(`lot ${d.lotId} at ${d.locationId}: table ${d.table}, ledger ${d.ledger}`);
        const { result, keys, where } = checkChain(file, db, values);
        if (result.problems.length > 0) {
          for (const p of result.problems) console.log(problemLine(p, localeOf(values)));
          console.error(`lotdesk store rebuild-balances: refused — the ledger fails the audit chain's check (${result.problems.length + (result.more ?? 0)} problem(s)); the balances were left as they are. Run lotdesk audit verify for details.`);
          return 1;
        }
        const negative = ledger.negative();
        if (negative.length > 0) {
          for (const n of negative) console.log(`lot ${n.lotId} at ${n.locationId}: the ledger sums to ${n.quantity}`);
          console.error(`lotdesk store rebuild-balances: refused — the ledger implies negative stock at ${negative.length} place(s); the balances were left as they are.`);
          return 1;
        }
        if (before.length > 0) {
          if (keys) attachChain(db, { keys, where, checkpointFile: defaultCheckpointPath(file), stationId: getSetting(db, 'station.id') ?? 'cli' });
          db.transaction(() => {
            ledger.rebuild();
            // The rebuild is an act on the desk's records: it goes into the trail like a command.
            appendAudit(db, { at: new Date().toISOString(), stationId: getSetting(db, 'station.id') ?? 'cli', userId: null, command: 'store.rebuildBalances', input: {}, result: 'ok', detail: { differences: before.length } });
          }).immediate();
        }
        if (ledger.differences().length > 0) {
          console.error('lotdesk store rebuild-balances: balances still differ from the ledger after the rebuild');
          return 1;
        }
        const count = (db.prepare('SELECT COUNT(*) AS n FROM balances').get() as { n: number }).n;
        console.log(before.length === 0 ? `balances equal the ledger (${count} rows)` : `rebuilt: ${before.length} difference(s) corrected, ${count} rows`);
        return before.length === 0 ? 0 : 1;
      } finally {
        ledger.drop();
      }
    },
    { options: { keys: VERIFY_OPTIONS.keys, lang: VERIFY_OPTIONS.lang } },
  );
}
