/**
 * The scan field and function keys of the scanning desks (putaway, counts, lot changes, picking, packing): a wedge
 * scan is caught wherever the cursor is, Enter in the field sends what was typed by hand, and
 * F-keys and Escape work while no dialog is open (Escape also waits for an open dropdown menu to close).
 */
import { nextTick, onBeforeUnmount, onMounted, ref } from 'vue';
import { dialogOpen, selectMenuShown } from '../overlays';
import { loadScannerSettings, toShown, toWire, useWedgeScanner } from '../scanner';

export function useScanField(inputId: string, onScan: (wire: string) => void) {
  const settings = loadScannerSettings();
  const text = ref('');
  const field = () => document.getElementById(inputId) as HTMLInputElement | null;
  useWedgeScanner({
    scanField: field,
    settings: () => settings,
    onScan: (scan) => {
      text.value = toShown(scan);
      onScan(scan);
    },
  });
  function onEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const typed = text.value.trim();
    if (typed) onScan(toWire(typed));
  }
  async function focus(): Promise<void> {
    await nextTick();
    field()?.focus();
    field()?.select();
  }
  /** The desk's GS substitute, for the scan queries that parse GS1. */
  const gsSubstitute = settings.gsSubstitute || undefined;
  return { text, onEnter, focus, gsSubstitute };
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
