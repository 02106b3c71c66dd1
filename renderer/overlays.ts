/**
 * Who owns a key: an open dialog or dropdown menu, or the desk behind it. Every desk's scan
 * capture (scanner.ts), its function keys and Escape (inventory/scan-field.ts, Receiving, the lot
 * page) and its digit shortcuts ask here, so a key meant for a dialog never reaches the desk.
 */

/**
 * A modal dialog is open (switch user, lead approval, a picking exception…), or closing on this
 * very key: naive-ui keeps `.n-modal` in the page until its leave transition ends and removes it
 * afterwards, so its presence is the answer.
 */
export function dialogOpen(): boolean {
  return document.querySelector('.n-modal') !== null;
}

/**
 * A select menu is open, or closing on this very Escape (its leave transition still has a box).
 * naive-ui keeps a closed menu in the page, hidden, so its mere presence said nothing: after any
 * dropdown had been used, Escape never cleared a desk again.
 */
export function selectMenuShown(): boolean {
  return Array.from(document.querySelectorAll('.n-base-select-menu')).some((menu) => menu.getClientRects().length > 0);
}

/** Escape belongs to an open dialog or dropdown: it closes that, and leaves the desk as it is. */
export function escapeIsOverlays(): boolean {
  return dialogOpen() || selectMenuShown();
}

/** A PIN or password field: what is typed there is a secret, never a scan to show or look up. */
export function isSecretField(el: Element | null): boolean {
  return el instanceof HTMLInputElement && el.type === 'password';
}
