/** The central screens: the only routes the renderer has when the centre serves it (renderer/central/mode.ts). */
import { createRouter, createWebHashHistory } from 'vue-router';
import { useCentral } from './store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only a central admin reaches it (a manager is sent to the stock view). */
    admin?: boolean;
  }
}

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
      { path: '/users', name: 'central-users', component: () => import('./CentralUsers.vue'), meta: { admin: true } },
      { path: '/stations', name: 'central-stations', component: () => import('./CentralStations.vue'), meta: { admin: true } },
      // Master data is the admin's at the centre (admin-routes.ts: the master-data routes ask for an admin).
      { path: '/qc-plans', name: 'central-qc-plans', component: () => import('./CentralQcPlans.vue'), meta: { admin: true } },
      { path: '/audit', name: 'central-audit', component: () => import('./CentralAudit.vue'), meta: { admin: true } },
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
    if (to.meta.admin && central.me.role !== 'admin') return '/stock';
    return true;
  });
  return router;
}
