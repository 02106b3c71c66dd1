/** Ctrl+P / Ctrl+S of a screen that shows a lot label: its buttons name those keys, as on Receiving. */
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

interface Printable {
  print(): void;
  download(): void;
}

/** Print or save the label shown (not the page); nothing while no label is shown. */
export function useLabelKeys(label: Ref<Printable | null | undefined>): void {
  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || !event.ctrlKey || event.altKey || event.metaKey) return;
    if ((event.code !== 'KeyP' && event.code !== 'KeyS') || !label.value) return;
    event.preventDefault();
    if (event.code === 'KeyP') label.value.print();
    else label.value.download();
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
