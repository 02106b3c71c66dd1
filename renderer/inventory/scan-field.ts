/**
 * The scan field and function keys of the scanning desks (putaway, counts, lot changes, picking, packing): a wedge
 * scan is caught wherever the cursor is, Enter in the field sends what was typed by hand, and
 * F-keys and Escape work while no dialog is open (Escape also waits for an open dropdown menu to close).
 */
import { nextTick, onBeforeUnmount, onMounted, ref } from 'vue';
import { dialogOpen, selectMenuShown } from '../overlays';
import { loadScannerSettings, toShown, toWire, useWedgeScanner, wedgeSettings } from '../scanner';

export function useScanField(inputId: string, onScan: (wire: string, source: 'wedge' | 'hid' | 'typed') => Promise<void>) {
  const settings = loadScannerSettings();
  const text = ref('');
  const field = () => document.getElementById(inputId) as HTMLInputElement | null;
  // A scan that comes while the last one is still being answered (the bin right after the lot
  // label) waits its turn instead of being lost to the desk's one-call-at-a-time guard.
  let turn: Promise<void> = Promise.resolve();
  /** What the field held when the scan being answered was taken: anything else is the next label's keys. */
  let taken = '';
  const handle = (wire: string, source: 'wedge' | 'hid' | 'typed', shown?: string): void => {
    turn = turn.then(async () => {
      if (shown !== undefined) text.value = shown;
      taken = text.value;
      await onScan(wire, source);
    }).catch(() => undefined);
  };
  useWedgeScanner({
    scanField: field,
    settings: () => settings,
    onScan: (scan, source) => handle(scan, source, toShown(scan)),
  });
  function onEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const typed = text.value.trim();
    // Emptied at once: the next label's keys, if they come before this one is answered, start clean.
    text.value = '';
    if (typed) handle(toWire(typed), 'typed');
  }
  /**
   * The answered scan's text leaves the field, but not keys typed since: a scanner reading the next
   * label while the desk still answered the last would lose its first characters, and its Enter
   * would send the rest as a scan of its own.
   */
  function clearScan(): void {
    if (text.value === taken) text.value = '';
  }
  /** The cursor to the scan field, its text selected, unless it is there already (keys may be coming in). */
  async function focus(): Promise<void> {
    await nextTick();
    const el = field();
    if (!el || el === document.activeElement) return;
    el.focus();
    el.select();
  }
  /** The desk's GS substitute (the station's, from its Devices settings), for the scan queries that parse GS1. */
  return {
    text,
    onEnter,
    clearScan,
    focus,
    get gsSubstitute() {
      return wedgeSettings(settings).gsSubstitute || undefined;
    },
  };
}

/**
 * After a refusal, the cursor goes to the input the core's error names (its field: quantity,
 * lines.1.quantity…), with its text selected so the corrected value replaces it. `inputFor`
 * finds that input on the desk; false when none does (the desk then goes back to its scan field).
 */
export async function focusErrorField(field: string | undefined, inputFor: (field: string, index: number | null) => HTMLInputElement | null | undefined): Promise<boolean> {
  if (!field) return false;
  await nextTick();
  const index = /\.(\d+)\./.exec(field);
  const input = inputFor(field, index ? Number(index[1]) : null);
  if (!input) return false;
  input.focus();
  input.select();
  return true;
}

/** The `index`th input with data-test `test` on the page. */
export function nthInput(test: string, index: number | null): HTMLInputElement | undefined {
  return document.querySelectorAll<HTMLInputElement>(`input[data-test="${test}"]`)[index ?? 0];
}

type DeskKey = 'F2' | 'F3' | 'F4' | 'F6' | 'F7' | 'F8' | 'F9' | 'Escape';

/**
 * Plain function keys of a desk (every desk with F-keys or Escape uses this). They are the open
 * dialog's while one is open: F8 does not save the desk behind it, and the Escape that closes it
 * does not clear the desk. Escape is also left to an open dropdown menu, which it only closes.
 */
export function useDeskKeys(keys: Partial<Record<DeskKey, () => void>>): void {
  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey || dialogOpen()) return;
    const action = keys[event.key as DeskKey];
    if (!action || (event.key === 'Escape' && selectMenuShown())) return;
    event.preventDefault();
    action();
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
