/** Two desk processes allocate the last units of one lot at the same instant: one gets them, the other is refused and writes nothing. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDesk } from '../support/desk';
import { ROOT } from '../support/cli';
import { catalog, stockUp } from '../support/outbound';
import { compareBalances } from '../../src/store/ledger';
import { allocationRefProblems } from '../../src/store/allocation-refs';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import type { Envelope } from '../../src/contract/envelope';

function startWorker(file: string, orderId: string, goFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}/tests/support/allocate-worker.ts`, file, orderId, goFile], { cwd: ROOT });
  let out = '';
  let err = '';
  let onReady: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<Envelope>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n')[1]) as Envelope) : reject(new Error(`worker failed: ${err}`)))),
  );
  return { ready, done };
}

describe('two desks allocating the last units of a lot', () => {
  it('gives the units to one order and refuses the other with a translated error, nothing written', async () => {
    const desk = await openTestDesk();
    try {
      const [lot] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2027-10-31', quantity: 12, bin: 'A-01' }]);
      const lead = await desk.signedIn('lead', '3333');
      const cat = await catalog(lead);
      const orders = [];
      for (let i = 0; i < 2; i++) {
        orders.push(await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 12 }] }));
      }
      const auditBefore = verifyAudit(desk.db).records;
      const goFile = join(desk.dir, 'go');
      const workers = orders.map((o) => startWorker(desk.file, o.id, goFile));
      await Promise.all(workers.map((w) => w.ready));
      writeFileSync(goFile, '');
      const results = await Promise.all(workers.map((w) => w.done));

      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ ok: false, error: { code: 'rule', key: 'errors.allocation.noFreeStock', params: { sku: 'TEA-250', short: 12 } } });
      const allocated = desk.db.prepare("SELECT document_id, SUM(quantity) AS q FROM allocations WHERE lot_id = ? AND status = 'open' GROUP BY document_id").all(lot.id);
      expect(allocated).toHaveLength(1);
      expect(allocated[0]).toMatchObject({ q: 12000 });
      // Two sign-ins and one allocation were audited; the refused allocation left no trace.
      expect(verifyAudit(desk.db)).toEqual({ records: auditBefore + 3, problems: [] });
      expect(compareBalances(desk.db)).toEqual([]);
      expect(allocationRefProblems(desk.db)).toEqual([]);
    } finally {
      desk.close();
    }
  }, 120_000);
});
