/**
 * The receiving desk's keys and its hold on the cursor: F2 scan, F4 internal lot, F6 weigh, F8 receive,
 * F9 new delivery, Esc clear (the desks' one way, useDeskKeys), Alt+O / Alt+B for the mode,
 * Ctrl+P / Ctrl+S to print or download the label of the lot just received. When the desk is idle,
 * or focus falls on nothing, the scan field takes the cursor back.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { useDeskKeys } from '../inventory/scan-field';
import type { Mode } from './receiving-case';
import type { CaseFocus } from './use-case-focus';

export interface ReceivingKeyActions {
  toggleInternalLot: () => void;
  /** Weigh the case on the station's scale. */
  weigh: () => void;
  submit: () => Promise<void>;
  newDelivery: () => void;
  clearCase: () => void;
  setMode: (mode: Mode) => void;
  /** A lot was received: its label is on the desk. */
  received: () => boolean;
  /** The label of the lot just received. */
  label: () => { print: () => void; download: () => void } | null | undefined;
}

const IDLE_REFOCUS_MS = 20_000;

export function useReceivingKeys(focus: CaseFocus, actions: ReceivingKeyActions): void {
  const { focusField, scanInput, menuOpen } = focus;

  // The plain keys go the desks' one way: Escape with a dropdown open only closes the menu (menuOpen
  // is already false by the time Escape reaches the window, so it cannot tell), and no key reaches
  // the desk behind an open dialog.
  useDeskKeys({
    F2: () => void focusField('scan'),
    F4: actions.toggleInternalLot,
    F6: actions.weigh,
    F8: () => void actions.submit(),
    F9: actions.newDelivery,
    Escape: actions.clearCase,
  });

  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.altKey && !event.ctrlKey && (event.code === 'KeyO' || event.code === 'KeyB')) {
      event.preventDefault();
      actions.setMode(event.code === 'KeyO' ? 'po' : 'blind');
    } else if (event.ctrlKey && !event.altKey && (event.code === 'KeyP' || event.code === 'KeyS') && actions.received()) {
      event.preventDefault();
      if (event.code === 'KeyP') actions.label()?.print();
      else actions.label()?.download();
    }
  }

  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  function armRefocus(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (!menuOpen.value && !document.querySelector('.n-modal') && document.activeElement !== scanInput()) void focusField('scan');
    }, IDLE_REFOCUS_MS);
  }
  function onFocusOut(event: FocusEvent): void {
    if (event.relatedTarget) return;
    setTimeout(() => {
      const active = document.activeElement;
      if ((!active || active === document.body) && !document.querySelector('.n-modal') && !menuOpen.value) void focusField('scan');
    }, 0);
  }

  onMounted(() => {
    window.addEventListener('keydown', onKey);
    window.addEventListener('keydown', armRefocus, { passive: true });
    window.addEventListener('pointerdown', armRefocus, { passive: true });
    document.addEventListener('focusout', onFocusOut);
    armRefocus();
    void focusField('scan');
  });
  onBeforeUnmount(() => {
    clearTimeout(idleTimer);
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('keydown', armRefocus);
    window.removeEventListener('pointerdown', armRefocus);
    document.removeEventListener('focusout', onFocusOut);
  });
}
