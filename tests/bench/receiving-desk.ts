/** A demo desk signed in as the clerk, with a receive of TEA-250 ready to call: what the receive benchmarks share. */
import { openDesk, type DeskOptions } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';

export async function receivingDesk(file: string, options: DeskOptions = {}) {
  const { station, dispatch } = openDesk(file, options);
  const auth: AuthState = {};
  const call = async <T = unknown>(name: string, input: unknown): Promise<T> => {
    const env = await dispatch(auth, name, input);
    if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
    return env.result as T;
  };
  await call('station.loadDemo', {});
  await call('session.signIn', { username: 'clerk', secret: '1111' });
  const item = (await call<{ id: string; sku: string }[]>('catalog.items', {})).find((i) => i.sku === 'TEA-250')!;
  const supplier = (await call<{ id: string; code: string }[]>('catalog.parties', { kind: 'supplier' })).find((s) => s.code === 'SUP-HZT')!;
  const receive = (k: number) => call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `B${k}`, quantity: 24, unit: 'pcs', expiryDate: '2028-01-31' });
  return { station, call, receive };
}
