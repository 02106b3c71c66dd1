/** A second desk process for concurrency tests: signs in on the shared file and receives N lots. */
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';

const [file, count, tag] = process.argv.slice(2);
const { station, dispatch } = openDesk(file);
const auth = {};
const api = createClient((name, input) => dispatch(auth, name, input));
await api.call('session.signIn', { username: 'clerk', secret: '1111' });
const item = (await api.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
const supplier = (await api.call('catalog.parties', { kind: 'supplier' })).find((s) => s.code === 'SUP-HZT')!;
const codes: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const r = await api.call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `${tag}-${i}`, quantity: 1, unit: 'pcs', expiryDate: '2030-01-01' });
  codes.push(r.lot.code);
}
station.close();
process.stdout.write(JSON.stringify(codes));
