/**
 * Keyboard-wedge scanners in the renderer. A scanner types its data as fast keystrokes ending
 * with Enter (or Tab); GS arrives as Ctrl+] or as a configured substitute character. The shared
 * ScanDetector (src/domain/gs1/wedge.ts) tells a scan from typing by the gaps between keys.
 *
 * A scan is caught whatever field of the desk has focus: the characters it typed into another
 * field are taken back out again, and the whole scan goes to the screen's scan handler. Keys typed
 * while a dialog is open, or into a PIN or password field, are never a scan, however fast they
 * come: a PIN typed quickly belongs to the dialog, and is never looked up or shown by the desk.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { ScanDetector } from '../src/domain/gs1/wedge';
import { dialogOpen, isSecretField } from './overlays';

export const GS = '\x1d';
/** What the scan field shows for GS, which is invisible otherwise (SYMBOL FOR GROUP SEPARATOR). */
export const GS_SHOWN = '\u241d';

export interface ScannerSettings {
  /** One character the scanner sends instead of GS, or '' for none. */
  gsSubstitute: string;
  /** The key the scanner ends a scan with. */
  suffix: 'Enter' | 'Tab';
}

const SETTINGS_KEY = 'lotdesk.scanner';

export function loadScannerSettings(): ScannerSettings {
  const defaults: ScannerSettings = { gsSubstitute: '', suffix: 'Enter' };
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<ScannerSettings>;
    return {
      gsSubstitute: typeof saved.gsSubstitute === 'string' && saved.gsSubstitute.length <= 1 ? saved.gsSubstitute : '',
      suffix: saved.suffix === 'Tab' ? 'Tab' : 'Enter',
    };
  } catch {
    return defaults;
  }
}

export function saveScannerSettings(settings: ScannerSettings): void {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    /* ignore */
  }
}

/** Scan text as shown in a field → as sent to the parser. */
export function toWire(shown: string): string {
  return shown.split(GS_SHOWN).join(GS);
}
export function toShown(wire: string): string {
  return wire.split(GS).join(GS_SHOWN);
}

function isTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(el.type));
}

function setFieldValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens to the keyboard while the calling component is mounted. `scanField()` is the input the
 * scan normally goes to; `onScan` gets each scan with real GS characters.
 */
export function useWedgeScanner(options: {
  scanField: () => HTMLInputElement | null;
  onScan: (scan: string) => void;
  settings: () => ScannerSettings;
  enabled?: () => boolean;
}) {
  const lastScanAt = ref(0);
  let detector = new ScanDetector();
  let suffix = '';
  /** The field and its value when the current burst of keys started, to undo a scan typed into it. */
  let burstStart: { el: Element | null; value: string } | null = null;
  let lastKey = -Infinity;
  const MAX_GAP = 50;

  function ensureDetector(): void {
    const s = options.settings().suffix;
    if (s !== suffix) {
      suffix = s;
      detector = new ScanDetector({ maxGapMs: MAX_GAP, minLength: 4, suffix: s === 'Tab' ? '\t' : '\n' });
    }
  }

  function insertGs(el: HTMLInputElement): void {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    setFieldValue(el, el.value.slice(0, start) + GS_SHOWN + el.value.slice(end));
    el.setSelectionRange(start + 1, start + 1);
  }

  function onKeydown(event: KeyboardEvent): void {
    if (options.enabled && !options.enabled()) return;
    if (event.isComposing || event.altKey || event.metaKey) return;
    ensureDetector();
    const target = document.activeElement;
    if (dialogOpen() || isSecretField(target)) {
      detector.reset();
      burstStart = null;
      return;
    }
    const time = event.timeStamp || performance.now();
    const isGs = event.ctrlKey && (event.key === ']' || event.code === 'BracketRight');
    const types = isGs || (!event.ctrlKey && (event.key.length === 1 || event.key === 'Enter' || event.key === 'Tab'));
    if (!types) return;

    if (time - lastKey > MAX_GAP || !burstStart) {
      burstStart = { el: target, value: isTextField(target) ? target.value : '' };
    }
    lastKey = time;

    if (isGs) {
      // Ctrl+] types nothing by itself: show GS in the scan field, keep the browser out of it.
      event.preventDefault();
      const field = options.scanField();
      if (field && target === field) insertGs(field);
    }

    const scan = detector.feed({ key: event.key, ctrlKey: event.ctrlKey, time });
    if (scan === null) return;
    const start = burstStart;
    burstStart = null;
    // In the scan field itself the field holds the whole scan (even if a slow moment split the
    // burst); its own Enter handler reads it.
    const field = options.scanField();
    if (field && target === field) return;

    // The burst was a scan: it is not Enter for the focused control, and not text for another field.
    event.preventDefault();
    event.stopImmediatePropagation();
    if (start && start.el !== field && isTextField(start.el)) setFieldValue(start.el, start.value);
    lastScanAt.value = Date.now();
    options.onScan(scan);
  }

  onMounted(() => window.addEventListener('keydown', onKeydown, { capture: true }));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown, { capture: true }));
  return { lastScanAt };
}
