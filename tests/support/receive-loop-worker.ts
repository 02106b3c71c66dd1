/**
 * A desk process that receives lots until it is stopped, printing each lot's code only after its
 * command returned (committed): what it printed is what the desk acknowledged. For the power-loss test.
 */
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';

const [file] = process.argv.slice(2);
const { dispatch } = openDesk(file);
const auth = {};
const api = createClient((name, input) => dispatch(auth, name, input));
await api.call('session.signIn', { username: 'clerk', secret: '1111' });
const item = (await api.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
const supplier = (await api.call('catalog.parties', { kind: 'supplier' })).find((s) => s.code === 'SUP-HZT')!;
for (let i = 0; ; i++) {
  const r = await api.call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `PL-${i}`, quantity: 1, unit: 'pcs', expiryDate: '2030-01-01' });
  process.stdout.write(`${r.lot.code}\n`);
}
