/**
 * The scan field and function keys of the scanning desks (putaway, counts, lot changes, picking, packing): a wedge
 * scan is caught wherever the cursor is, Enter in the field sends what was typed by hand, and
 * F-keys work while no dropdown menu is open.
 */
import { nextTick, onBeforeUnmount, onMounted, ref } from 'vue';
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
 * A select menu is open, or closing on this very Escape (its leave transition still has a box).
 * naive-ui keeps a closed menu in the page, hidden, so its mere presence said nothing: after any
 * dropdown had been used, Escape never cleared a desk again.
 */
function selectMenuShown(): boolean {
  return Array.from(document.querySelectorAll('.n-base-select-menu')).some((menu) => menu.getClientRects().length > 0);
}

/** Plain function keys of a desk; Escape is left to an open dropdown menu. */
export function useDeskKeys(keys: Partial<Record<DeskKey, () => void>>): void {
  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
    const action = keys[event.key as DeskKey];
    if (!action || (event.key === 'Escape' && selectMenuShown())) return;
    event.preventDefault();
    action();
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
