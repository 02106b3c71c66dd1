/**
 * The case being received and the receipt it goes on: the typed and scanned fields with their
 * errors, the purchase order line or item they are for, and the lines of the delivery booked so
 * far. The receipt stays open for the next lines of the same delivery.
 */
import { computed, reactive, ref } from 'vue';
import type { ItemView, ReceiveResult } from '../../src/contract/results';
import type { ErrorData } from '../../src/domain/errors';
import { emptyCase, fieldOrder, type Field, type Mode } from './receiving-case';
import type { ReceivingData } from './use-receiving-data';

const MODE_KEY = 'lotdesk.receiving.mode';

export interface OpenReceipt {
  id: string;
  number: string;
  supplierId: string | null;
  supplierName: string | null;
}

export function useReceivingCase(data: ReceivingData) {
  const mode = ref<Mode>(localStorage.getItem(MODE_KEY) === 'blind' ? 'blind' : 'po');
  const form = reactive({
    poLineId: null as string | null,
    supplierId: null as string | null,
    itemId: null as string | null,
    locationId: null as string | null,
    ...emptyCase(),
  });
  const fieldErrors = reactive<Partial<Record<Field, ErrorData>>>({});
  const formError = ref<ErrorData | null>(null);
  const busy = ref(false);

  const receipt = ref<OpenReceipt | null>(null);
  const lines = ref<ReceiveResult[]>([]);
  const last = ref<ReceiveResult | null>(null);

  const poLines = computed(() =>
    data.orders.value.flatMap((po) =>
      po.lines.map((line) => ({ ...line, po: po.number, poId: po.id, supplierId: po.supplierId, supplierName: po.supplierName, open: Math.max(line.ordered - line.received, 0) })),
    ),
  );
  const selectedLine = computed(() => poLines.value.find((l) => l.id === form.poLineId) ?? null);
  const selectedItem = computed<ItemView | null>(() => {
    const id = mode.value === 'po' ? selectedLine.value?.itemId : form.itemId;
    return data.items.value.find((i) => i.id === id) ?? null;
  });
  const decimals = computed(() => selectedItem.value?.unitDecimals ?? 0);

  const order = computed<Field[]>(() => fieldOrder(mode.value));

  function missing(field: Field): boolean {
    switch (field) {
      case 'poLineId':
        return !form.poLineId;
      case 'supplierId':
        return !form.supplierId;
      case 'itemId':
        return !form.itemId;
      case 'supplierLot':
        return !form.internalLot && !form.supplierLot.trim();
      case 'quantity':
        return !form.quantity.trim();
      case 'expiryDate':
        return !!selectedItem.value?.shelfLifeDays && !form.expiryDate.trim() && !form.productionDate.trim();
      default:
        return false;
    }
  }

  function clearFieldErrors(): void {
    for (const key of Object.keys(fieldErrors) as Field[]) delete fieldErrors[key];
  }

  /** Switches between receiving against an order and blind receiving; the desk remembers the choice. */
  function saveMode(next: Mode): void {
    mode.value = next;
    localStorage.setItem(MODE_KEY, next);
  }

  return { mode, form, fieldErrors, formError, busy, receipt, lines, last, poLines, selectedLine, selectedItem, decimals, order, missing, clearFieldErrors, saveMode };
}

export type ReceivingCase = ReturnType<typeof useReceivingCase>;
