/** A screen's own shortcuts (Alt+…, Ctrl+…), on the window while the screen is mounted. */
import { onBeforeUnmount, onMounted } from 'vue';

export function useWindowKeydown(handler: (event: KeyboardEvent) => void): void {
  onMounted(() => window.addEventListener('keydown', handler));
  onBeforeUnmount(() => window.removeEventListener('keydown', handler));
}
