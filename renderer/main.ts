import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, currentLocale } from './i18n';
import { router } from './router';
import { detectMode } from './central/mode';
import './styles.css';

document.documentElement.lang = currentLocale();
// The same renderer is the desk's and the centre's UI: the server says which (renderer/central/mode.ts).
void detectMode().then(async (mode) => {
  if (mode === 'central') {
    const { mountCentral } = await import('./central/mount');
    mountCentral('#app');
  } else {
    createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
  }
});
