/** The central screens: the only routes the renderer has when the centre serves it (renderer/central/mode.ts). */
import { createRouter, createWebHashHistory } from 'vue-router';
import { useCentral } from './store';

export function createCentralRouter() {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', redirect: '/stock' },
      { path: '/sign-in', name: 'central-sign-in', component: () => import('./CentralSignIn.vue'), meta: { public: true } },
      { path: '/stock', name: 'central-stock', component: () => import('./CentralStock.vue') },
      { path: '/lots', name: 'central-lots', component: () => import('./CentralLots.vue') },
      { path: '/exceptions', name: 'central-exceptions', component: () => import('./CentralExceptions.vue') },
      { path: '/trace/:lotId?', name: 'central-trace', component: () => import('./CentralTrace.vue'), props: true },
      { path: '/:rest(.*)*', redirect: '/stock' },
    ],
  });
  let started = false;
  router.beforeEach(async (to) => {
    const central = useCentral();
    if (!started) {
      started = true;
      await central.restore();
    }
    if (to.meta.public) return central.me && to.name === 'central-sign-in' ? '/stock' : true;
    if (!central.me) return { name: 'central-sign-in', query: to.fullPath !== '/' && to.fullPath !== '/stock' ? { next: to.fullPath } : {} };
    return true;
  });
  return router;
}
