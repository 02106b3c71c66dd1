/**
 * A connected desk as its own process, for kill -9 tests: opens the station file (its sync runner
 * starts because the desk is connected, with short timers), and keeps receiving lots as the clerk
 * so the outbox grows while it pushes and applies pull pages (`quiet`: only syncs). Runs until it is killed.
 */
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';

const [file, mode] = process.argv.slice(2);
const { dispatch } = openDesk(file, { sync: { pollMs: [50, 150], backoffMs: [10, 100], nudges: false } });
const auth = {};
const api = createClient((name, input) => dispatch(auth, name, input));
await api.call('session.signIn', { username: 'clerk', secret: '1111' });
const item = (await api.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
const supplier = (await api.call('catalog.parties', { kind: 'supplier' })).find((s) => s.code === 'SUP-HZT')!;
process.stdout.write('ready\n');
// The sync runner's timers do not hold a process open (a desk closes when its window does); this one must live until killed.
setInterval(() => undefined, 60_000);
for (let i = 0; mode !== 'quiet'; i++) {
  await api.call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `W-${process.pid}-${i}`, quantity: 1, unit: 'pcs', expiryDate: '2030-01-01' });
  await new Promise((r) => setTimeout(r, 15));
}
