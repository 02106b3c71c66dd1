/** Starts the renderer as the centre's UI: its own router and shell, the same i18n, theme and styles. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { config } from 'zod';
import { i18n } from '../i18n';
import CentralApp from './CentralApp.vue';
import { createCentralRouter } from './router';

export function mountCentral(selector: string): void {
  // A central screen checks input with the contract's zod schemas (CentralQcPlans): jitless, as the
  // desk's loadAccess (renderer/screens.ts), since zod's probe for `new Function` breaks the CSP.
  config({ jitless: true });
  document.title = 'LotDesk Central';
  createApp(CentralApp).use(createPinia()).use(i18n).use(createCentralRouter()).mount(selector);
}
