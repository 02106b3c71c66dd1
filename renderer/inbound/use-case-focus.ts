/**
 * Where the cursor goes on the receiving desk: the scan field (its text selected, so the next scan
 * replaces it) or one field of the case, found through the template refs the case form sets.
 */
import { nextTick, ref } from 'vue';
import { SCAN_INPUT_ID, type Field } from './receiving-case';

interface Focusable {
  focus?: () => void;
  focusInput?: () => void;
  select?: () => void;
}

export function useCaseFocus() {
  const refs: Partial<Record<Field, Focusable | null>> = {};
  /** A function template ref for the input or select of `field`. */
  const setRef = (field: Field) => (el: unknown) => {
    refs[field] = el as Focusable | null;
  };
  const scanInput = () => document.getElementById(SCAN_INPUT_ID) as HTMLInputElement | null;
  /** A select's dropdown menu is open: the idle desk leaves the cursor where it is. */
  const menuOpen = ref(false);

  async function focusField(field: Field): Promise<void> {
    await nextTick();
    if (field === 'scan') {
      const el = scanInput();
      el?.focus();
      el?.select();
      return;
    }
    const r = refs[field];
    if (!r) return;
    if (r.focusInput) r.focusInput();
    else r.focus?.();
    r.select?.();
  }

  return { setRef, scanInput, menuOpen, focusField };
}

export type CaseFocus = ReturnType<typeof useCaseFocus>;
