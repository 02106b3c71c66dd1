/**
 * Scanning a case at the receiving desk: a wedge scan is caught wherever the cursor is (or typed
 * into the scan field and sent with Enter), parsed by the core, and fills the case: the order line
 * or item of its GTIN, the supplier lot, dates and quantity. What it could not fill is said as a
 * notice; the cursor goes to the first field still missing.
 */
import { ref, watch } from 'vue';
import type { Input } from '../../src/contract/contract';
import type { ItemView } from '../../src/contract/results';
import type { ErrorData } from '../../src/domain/errors';
import type { Gs1Scan } from '../../src/domain/gs1/types';
import { api, errorData } from '../api';
import { loadScannerSettings, saveScannerSettings, toShown, toWire, useWedgeScanner, wedgeSettings, type ScannerSettings } from '../scanner';
import { emptyCase } from './receiving-case';
import type { CaseFocus } from './use-case-focus';
import type { ReceivingCase } from './use-receiving-case';

/** `onEmptyEnter` is Enter in the empty scan field: the desk moves on through the case. */
export function useReceivingScan(kase: ReceivingCase, focus: CaseFocus, onEmptyEnter: () => void) {
  const { mode, form, formError, receipt, poLines, selectedLine, selectedItem, order, missing, clearFieldErrors } = kase;
  const settings = ref<ScannerSettings>(loadScannerSettings());
  watch(settings, (s) => saveScannerSettings(s), { deep: true });

  const scanText = ref('');
  /** The raw scan the case's fields came from; kept with the receipt line. */
  const scanWire = ref<string | null>(null);
  /** Where that scan came from (the wedge's keystrokes, typed into the scan field, a HID scanner): into the receipt's audit. */
  const scanSource = ref<'hid' | 'wedge' | 'typed' | null>(null);
  const scanned = ref<Gs1Scan | null>(null);
  const scanError = ref<ErrorData | null>(null);
  const scanNotice = ref<{ key: string; params: Record<string, string | number> } | null>(null);
  const scanning = ref(false);

  useWedgeScanner({
    scanField: focus.scanInput,
    settings: () => settings.value,
    onScan: (scan, source) => {
      scanText.value = toShown(scan);
      void resolveScan(scan, source);
    },
  });

  function onScanEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const text = scanText.value.trim();
    if (text) void resolveScan(toWire(text), 'typed');
    else onEmptyEnter();
  }

  async function resolveScan(wire: string, source: 'hid' | 'wedge' | 'typed'): Promise<void> {
    scanning.value = true;
    scanError.value = null;
    scanNotice.value = null;
    try {
      const input: Input<'scan.resolve'> = { scan: wire };
      const gs = wedgeSettings(settings.value).gsSubstitute;
      if (gs) input.gsSubstitute = gs;
      const r = await api.call('scan.resolve', input);
      applyScan(wire, r.scan, r.item);
      scanSource.value = source;
    } catch (err) {
      scanned.value = null;
      scanError.value = errorData(err);
      void focus.focusField('scan');
    } finally {
      scanning.value = false;
    }
  }

  function applyScan(wire: string, scan: Gs1Scan, item: ItemView | null): void {
    scanned.value = scan;
    scanWire.value = wire;
    Object.assign(form, emptyCase());
    clearFieldErrors();
    formError.value = null;

    if (item) {
      if (mode.value === 'po') {
        const current = selectedLine.value;
        if (!current || current.itemId !== item.id) {
          const candidates = poLines.value.filter((l) => l.itemId === item.id && l.open > 0);
          // With a delivery open, only its supplier's lines are offered (lineOptions): another's would show as a bare id.
          const delivery = receipt.value?.supplierId;
          const usable = delivery ? candidates.filter((l) => l.supplierId === delivery) : candidates;
          const match = usable.find((l) => l.supplierId === current?.supplierId) ?? usable[0];
          if (match) form.poLineId = match.id;
          else if (candidates[0]) scanNotice.value = { key: 'ui.receiving.scanItemOtherSupplier', params: { sku: item.sku, supplier: candidates[0].supplierName } };
          else scanNotice.value = { key: 'ui.receiving.scanItemNotOnOrder', params: { sku: item.sku } };
        }
      } else {
        form.itemId = item.id;
      }
    } else if (scan.gtin) {
      scanNotice.value = { key: 'ui.receiving.scanItemUnknown', params: { gtin: scan.gtin } };
    } else {
      scanNotice.value = { key: 'ui.receiving.scanNoGtin', params: {} };
    }

    if (scan.batch) form.supplierLot = scan.batch;
    form.expiryDate = scan.expiry ?? '';
    form.productionDate = scan.productionDate ?? '';
    form.bestBeforeDate = scan.bestBefore ?? '';
    const target = item ?? selectedItem.value;
    if (scan.count !== undefined) {
      form.quantity = String(scan.count);
    } else if (scan.netWeight) {
      if (target && scan.netWeight.unit.toLowerCase() === target.unit.toLowerCase()) form.quantity = String(scan.netWeight.value);
      else if (target) {
        scanNotice.value = { key: 'ui.receiving.scanUnitMismatch', params: { value: scan.netWeight.value, unit: scan.netWeight.unit, itemUnit: target.unit } };
      }
    }
    // The next thing to do: the first field still missing, else confirm the quantity.
    const next = order.value.find(missing);
    void focus.focusField(next ?? 'quantity');
  }

  /** Forgets the scan: its text, its parse, its error and notice. */
  function resetScan(): void {
    scanText.value = '';
    scanWire.value = null;
    scanSource.value = null;
    scanned.value = null;
    scanError.value = null;
    scanNotice.value = null;
  }

  return { settings, scanText, scanWire, scanSource, resolveScan, scanned, scanError, scanNotice, scanning, onScanEnter, resetScan };
}

export type ReceivingScan = ReturnType<typeof useReceivingScan>;
