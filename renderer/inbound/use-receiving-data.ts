/** What the receiving desk chooses from: the open purchase orders, the items, suppliers and bins. */
import { ref } from 'vue';
import type { ItemView, LocationView, PartyView, PurchaseOrderView } from '../../src/contract/results';
import type { ErrorData } from '../../src/domain/errors';
import { api, errorData } from '../api';

export function useReceivingData() {
  const orders = ref<PurchaseOrderView[]>([]);
  const items = ref<ItemView[]>([]);
  const suppliers = ref<PartyView[]>([]);
  const locations = ref<LocationView[]>([]);
  const loadError = ref<ErrorData | null>(null);

  async function loadMasterData(): Promise<void> {
    try {
      const [o, i, s, l] = await Promise.all([
        api.call('purchaseOrders.open'),
        api.call('catalog.items'),
        api.call('catalog.parties', { kind: 'supplier' }),
        api.call('catalog.locations'),
      ]);
      orders.value = o;
      items.value = i;
      suppliers.value = s;
      locations.value = l;
      loadError.value = null;
    } catch (err) {
      loadError.value = errorData(err);
    }
  }

  /** After a line is received against an order: the order's received quantity has grown. */
  async function refreshOrders(): Promise<void> {
    try {
      orders.value = await api.call('purchaseOrders.open');
    } catch {
      /* keep the old list; the next receive reports any problem */
    }
  }

  return { orders, items, suppliers, locations, loadError, loadMasterData, refreshOrders };
}

export type ReceivingData = ReturnType<typeof useReceivingData>;
