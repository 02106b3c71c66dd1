/**
 * Screens and who may open them. Hash history works both from the Electron window and from
 * the serve-mode server without any server-side route table.
 */
import { createRouter, createWebHashHistory } from 'vue-router';
import { useSession } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Key of ROUTE_ROLES that guards the screen. */
    area?: string;
  }
}

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/receiving' },
    { path: '/setup', name: 'setup', component: () => import('./views/SetupView.vue'), meta: { public: true } },
    { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignInView.vue'), meta: { public: true } },
    { path: '/receiving', name: 'receiving', component: () => import('./views/ReceivingView.vue'), meta: { area: 'receiving' } },
    { path: '/stock', name: 'stock', component: () => import('./views/StockView.vue'), meta: { area: 'stock' } },
    { path: '/stock/lot/:lotId', name: 'lot', component: () => import('./views/LotView.vue'), meta: { area: 'lot' }, props: true },
    { path: '/putaway', name: 'putaway', component: () => import('./views/PutawayView.vue'), meta: { area: 'putaway' } },
    { path: '/counts', name: 'counts', component: () => import('./views/CountView.vue'), meta: { area: 'counts' } },
    { path: '/lot-changes', name: 'lot-changes', component: () => import('./views/TransformView.vue'), meta: { area: 'lotChanges' } },
    { path: '/stock-overview', name: 'stock-overview', component: () => import('./views/StockOverviewView.vue'), meta: { area: 'stock' } },
    { path: '/near-expiry', name: 'near-expiry', component: () => import('./views/NearExpiryView.vue'), meta: { area: 'nearExpiry' } },
    { path: '/boms', name: 'boms', component: () => import('./views/BomEditorView.vue'), meta: { area: 'boms' } },
    { path: '/orders', name: 'orders', component: () => import('./views/OrdersView.vue'), meta: { area: 'orders' } },
    { path: '/picking', name: 'picking', component: () => import('./views/PickingView.vue'), meta: { area: 'picking' } },
    { path: '/packing', name: 'packing', component: () => import('./views/PackingView.vue'), meta: { area: 'packing' } },
    { path: '/overrides', name: 'overrides', component: () => import('./views/OverridesView.vue'), meta: { area: 'overrides' } },
    { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { area: 'audit' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

let started = false;

router.beforeEach(async (to) => {
  const session = useSession();
  if (!started) {
    started = true;
    try {
      await session.loadStation();
      if (!session.station?.needsSetup) await session.restore();
    } catch {
      /* the screens show the network error on their own calls */
    }
  }
  if (session.station?.needsSetup) return to.name === 'setup' ? true : { name: 'setup' };
  if (to.meta.public) {
    if (to.name === 'sign-in' && session.user) return session.homeRoute;
    return true;
  }
  if (!session.user) return { name: 'sign-in', query: to.fullPath !== '/' && to.fullPath !== '/receiving' ? { next: to.fullPath } : {} };
  if (to.meta.area && !session.may(to.meta.area)) return to.fullPath === session.homeRoute ? '/stock' : session.homeRoute;
  return true;
});
