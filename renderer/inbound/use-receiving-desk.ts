/**
 * The receiving desk, built for a scanner in one hand: the scan field has focus whenever the desk
 * is idle, a scan fills the case, Enter moves to the next missing field or receives, Esc clears,
 * F-keys run the main actions. The receipt stays open for the next lines of the same delivery.
 *
 * ReceivingView creates the desk once (`useReceivingDesk`) and lays out its pieces; the scan panel
 * and the case form take it with `injectReceivingDesk`.
 */
import { inject, onMounted, provide, watch, type InjectionKey } from 'vue';
import type { Input } from '../../src/contract/contract';
import type { ErrorData } from '../../src/domain/errors';
import { api, errorData } from '../api';
import { parseQuantity } from '../format';
import { wedgeSettings } from '../scanner';
import { emptyCase, FIELD_OF, normalizeDate, type DateField, type Field, type Mode } from './receiving-case';
import { useCaseFocus } from './use-case-focus';
import { useReceivingCase } from './use-receiving-case';
import { useReceivingData } from './use-receiving-data';
import { useReceivingKeys } from './use-receiving-keys';
import { useReceivingScan } from './use-receiving-scan';
import { useWeighing } from './use-weighing';

type LabelActions = { print: () => void; download: () => void };

/** `label` is the label preview of the lot just received (for Ctrl+P and Ctrl+S). */
export function useReceivingDesk(label: () => LabelActions | null | undefined) {
  const data = useReceivingData();
  const kase = useReceivingCase(data);
  const { mode, form, fieldErrors, formError, busy, receipt, lines, last, selectedLine, selectedItem, order, missing, clearFieldErrors } = kase;
  const focus = useCaseFocus();
  const { focusField } = focus;
  const scan = useReceivingScan(kase, focus, () => advance());
  const { settings, scanWire, scanSource, scanError } = scan;
  const weighing = useWeighing();

  /** F6 / Weigh: a stable weight from the scale; an item counted in kg takes it as its quantity when none is typed. */
  async function weigh(): Promise<void> {
    const reading = await weighing.weigh();
    if (reading && selectedItem.value?.unit === 'kg' && !form.quantity.trim()) form.quantity = String(reading.grams / 1000);
  }

  /**
   * Enter: go to the first field still missing, or receive when the case is complete. Enter in the
   * first missing field itself (an empty expiry date the item needs, an empty quantity or lot) asks
   * the core as F8 does, so the field shows the same translated error and keeps the focus: moving
   * focus to where it already is did nothing and said nothing.
   */
  function advance(from?: Field): void {
    const next = order.value.find(missing);
    if (next && next !== from) void focusField(next);
    else void submit();
  }

  function onFieldEnter(event: KeyboardEvent, field: Field): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    advance(field);
  }

  function afterSelect(field: Field): void {
    delete fieldErrors[field];
    const pos = order.value.indexOf(field);
    const next = order.value.slice(pos + 1).find(missing) ?? order.value.find(missing);
    if (next) void focusField(next);
  }

  function showError(error: ErrorData): void {
    let field = error.field ? FIELD_OF[error.field] : undefined;
    if (field && mode.value === 'po' && (field === 'itemId' || field === 'supplierId')) field = 'poLineId';
    if (field === 'scan') {
      scanError.value = error;
      void focusField('scan');
    } else if (field) {
      fieldErrors[field] = error;
      void focusField(field);
    } else {
      formError.value = error;
    }
  }

  async function submit(): Promise<void> {
    if (busy.value) return;
    clearFieldErrors();
    formError.value = null;
    const item = selectedItem.value;
    const input: Input<'receiving.receive'> = {
      itemId: item?.id ?? '',
      unit: item?.unit ?? '',
      quantity: parseQuantity(form.quantity),
    };
    if (receipt.value) input.receiptId = receipt.value.id;
    if (mode.value === 'po') {
      if (form.poLineId) input.poLineId = form.poLineId;
    } else if (form.supplierId) input.supplierId = form.supplierId;
    if (!form.internalLot && form.supplierLot.trim()) input.supplierLot = form.supplierLot.trim();
    if (form.productionDate.trim()) input.productionDate = normalizeDate(form.productionDate);
    if (form.expiryDate.trim()) input.expiryDate = normalizeDate(form.expiryDate);
    if (form.bestBeforeDate.trim()) input.bestBeforeDate = normalizeDate(form.bestBeforeDate);
    if (form.locationId) input.locationId = form.locationId;
    if (scanWire.value) input.scan = scanWire.value;
    if (scanWire.value && wedgeSettings(settings.value).gsSubstitute) input.gsSubstitute = wedgeSettings(settings.value).gsSubstitute;
    if (scanWire.value && scanSource.value) input.scanSource = scanSource.value;
    Object.assign(input, weighing.weightInput());

    busy.value = true;
    try {
      const result = await api.call('receiving.receive', input);
      last.value = result;
      lines.value = [...lines.value, result];
      receipt.value = { id: result.receiptId, number: result.receiptNumber, supplierId: result.lot.supplierId, supplierName: result.lot.supplierName };
      clearCase();
      if (mode.value === 'po') void data.refreshOrders();
    } catch (err) {
      showError(errorData(err));
    } finally {
      busy.value = false;
    }
  }

  function onDateBlur(field: DateField): void {
    form[field] = form[field].trim() ? normalizeDate(form[field]) : '';
  }

  function clearCase(): void {
    Object.assign(form, emptyCase());
    scan.resetScan();
    weighing.clearWeight();
    formError.value = null;
    clearFieldErrors();
    void focusField('scan');
  }

  function newDelivery(): void {
    receipt.value = null;
    lines.value = [];
    last.value = null;
    form.poLineId = null;
    form.supplierId = null;
    form.itemId = null;
    form.locationId = null;
    clearCase();
  }

  function toggleInternalLot(): void {
    form.internalLot = !form.internalLot;
    if (form.internalLot) delete fieldErrors.supplierLot;
    void focusField(form.internalLot ? 'quantity' : 'supplierLot');
  }

  function setMode(next: Mode): void {
    kase.saveMode(next);
    clearFieldErrors();
    if (next === 'blind' && selectedLine.value && !form.itemId) {
      form.itemId = selectedLine.value.itemId;
      form.supplierId = selectedLine.value.supplierId;
    }
    void focusField('scan');
  }

  watch(
    () => receipt.value?.supplierId,
    (supplierId) => {
      if (supplierId && mode.value === 'blind' && !form.supplierId) form.supplierId = supplierId;
    },
  );

  useReceivingKeys(focus, { toggleInternalLot, weigh: () => void weigh(), submit, newDelivery, clearCase, setMode, received: () => !!last.value, label });
  onMounted(() => void data.loadMasterData());

  const desk = { ...data, ...kase, ...focus, ...scan, ...weighing, weigh, advance, onFieldEnter, afterSelect, submit, onDateBlur, clearCase, newDelivery, toggleInternalLot, setMode };
  provide(RECEIVING_DESK, desk);
  return desk;
}

export type ReceivingDesk = ReturnType<typeof useReceivingDesk>;

const RECEIVING_DESK: InjectionKey<ReceivingDesk> = Symbol('receiving desk');

/** The desk of the ReceivingView this piece is in. */
export function injectReceivingDesk(): ReceivingDesk {
  const desk = inject(RECEIVING_DESK);
  if (!desk) throw new Error('a receiving desk piece outside ReceivingView');
  return desk;
}
