/**
 * Routes: the public ones, then every screen of screens.ts. Hash history works both from the Electron window and from
 * the serve-mode server without any server-side route table.
 */
import { createRouter, createWebHashHistory } from 'vue-router';
import { useSession } from './stores/session';
import { SCREENS, loadAccess } from './screens';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Name of the screen in SCREENS whose roles guard the route. */
    screen?: string;
  }
}

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/receiving' },
    { path: '/setup', name: 'setup', component: () => import('./views/SetupView.vue'), meta: { public: true } },
    { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignInView.vue'), meta: { public: true } },
    ...SCREENS.map((s) => ({ path: s.path, name: s.name, component: s.component, props: s.props ?? false, meta: { screen: s.name } })),
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

let started = false;

router.beforeEach(async (to) => {
  const session = useSession();
  if (!started) {
    started = true;
    const station = (async () => {
      try {
        await session.loadStation();
        if (!session.station?.needsSetup) await session.restore();
      } catch {
        /* the screens show the network error on their own calls */
      }
    })();
    await Promise.all([station, loadAccess()]);
  }
  if (session.station?.needsSetup) return to.name === 'setup' ? true : { name: 'setup' };
  if (to.meta.public) {
    if (to.name === 'sign-in' && session.user) return session.homeRoute;
    return true;
  }
  if (!session.user) return { name: 'sign-in', query: to.fullPath !== '/' && to.fullPath !== '/receiving' ? { next: to.fullPath } : {} };
  if (to.meta.screen && !session.may(to.meta.screen)) return to.fullPath === session.homeRoute ? '/stock' : session.homeRoute;
  return true;
});
