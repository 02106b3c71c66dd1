/** Enter in any field of a form saves it (not on a button, nor while an input method composes). */
export function enterSaves(save: () => Promise<void>): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Enter' || event.isComposing || ['BUTTON', 'TEXTAREA'].includes((event.target as HTMLElement).tagName)) return;
    event.preventDefault();
    void save();
  };
}
