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
import { scanRouter } from './devices/scan-routing';
import { deviceStatus } from './devices/station-devices';

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

/** The wedge as the station sets it up (Devices screen), over what this window keeps for itself. */
export interface WedgeSettings {
  prefix: string;
  suffix: 'Enter' | 'Tab';
  /** Longest gap between two keys of one scan. */
  interKeyMs: number;
  gsSubstitute: string;
  /** The scanner sends GS as Ctrl+]. */
  gsCtrlBracket: boolean;
}

/**
 * The station's wedge settings (devices.events, kept per station) once known; the window's own
 * GS substitute (Receiving's gear) wins over the station's when it sets one.
 */
export function wedgeSettings(local: ScannerSettings): WedgeSettings {
  const station = deviceStatus.value?.wedge;
  return {
    prefix: station?.prefix ?? '',
    suffix: station?.suffix ?? local.suffix,
    interKeyMs: station?.interKeyMs ?? 50,
    gsSubstitute: local.gsSubstitute || station?.gsSubstitute || '',
    gsCtrlBracket: station?.gsCtrlBracket ?? true,
  };
}

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
  /** A scan with real GS characters, and where it came from: the wedge's keys or the station's HID scanner. */
  onScan: (scan: string, source: 'wedge' | 'hid') => void;
  settings: () => ScannerSettings;
  enabled?: () => boolean;
}) {
  const lastScanAt = ref(0);
  let detector = new ScanDetector();
  let shape = '';
  /** The field and its value when the current burst of keys started, to undo a scan typed into it. */
  let burstStart: { el: Element | null; value: string } | null = null;
  let lastKey = -Infinity;
  let maxGap = 50;
  let ctrlBracket = true;

  function ensureDetector(): void {
    const w = wedgeSettings(options.settings());
    const key = JSON.stringify([w.suffix, w.prefix, w.interKeyMs]);
    maxGap = w.interKeyMs;
    ctrlBracket = w.gsCtrlBracket;
    if (key !== shape) {
      shape = key;
      detector = new ScanDetector({ maxGapMs: w.interKeyMs, minLength: 4, prefix: w.prefix, suffix: w.suffix === 'Tab' ? '\t' : '\n' });
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
    const isGs = ctrlBracket && event.ctrlKey && (event.key === ']' || event.code === 'BracketRight');
    const types = isGs || (!event.ctrlKey && (event.key.length === 1 || event.key === 'Enter' || event.key === 'Tab'));
    if (!types) return;

    if (time - lastKey > maxGap || !burstStart) {
      burstStart = { el: target, value: isTextField(target) ? target.value : '' };
    }
    lastKey = time;

    if (isGs) {
      // Ctrl+] types nothing by itself: show GS in the scan field, keep the browser out of it.
      event.preventDefault();
      const field = options.scanField();
      if (field && target === field) insertGs(field);
    }

    const scan = detector.feed({ key: event.key, ctrlKey: event.ctrlKey && isGs, time });
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
    options.onScan(scan, 'wedge');
  }

  // The station's HID scanner: its scans come to the screen in front as a wedge's would.
  let unregister: (() => void) | null = null;
  onMounted(() => {
    window.addEventListener('keydown', onKeydown, { capture: true });
    unregister = scanRouter.register((scan) => {
      if (options.enabled && !options.enabled()) return;
      lastScanAt.value = Date.now();
      // With its AIM symbology identifier in front, as a wedge set to send it types it: the parser knows GS1-128 from ]C1.
      options.onScan(scan.symbology + scan.data, 'hid');
    });
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeydown, { capture: true });
    unregister?.();
  });
  return { lastScanAt };
}
