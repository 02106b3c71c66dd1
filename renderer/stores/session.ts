/** Who sits at the desk: station status, the signed-in user, the language, and the idle sign-out. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionUser, StationStatus } from '../../src/contract/results';
import type { ErrorData } from '../../src/domain/errors';
import type { Locale } from '../../src/i18n/locales';
import { api, errorData } from '../api';
import { applyLocale, currentLocale } from '../i18n';
import { roleMay } from '../screens';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export const useSession = defineStore('session', () => {
  const station = ref<StationStatus | null>(null);
  const user = ref<SessionUser | null>(null);
  const idleMinutes = ref(15);
  /** A translated-on-display reason the user is back at sign-in (expired, signed out elsewhere). */
  const notice = ref<ErrorData | null>(null);
  const locale = ref<Locale>(currentLocale());
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const role = computed(() => user.value?.role);
  /** May the user open this screen (or panel) of renderer/screens.ts? The core enforces the same on every call. */
  const may = (screen: string) => roleMay(role.value, screen);
  // The inspector's home is the Inspections desk (issue 17); who receives starts at Receiving.
  const homeRoute = computed(() => (may('receiving') ? '/receiving' : may('inspections') ? '/inspections' : '/stock'));

  async function loadStation(): Promise<StationStatus> {
    station.value = await api.call('station.status');
    idleMinutes.value = station.value.idleMinutes;
    return station.value;
  }

  /** On start: restore a live session (page reload) if the core still has one. */
  async function restore(): Promise<void> {
    try {
      const info = await api.call('session.current');
      if (info) setUser(info.user, info.idleMinutes, false);
    } catch {
      user.value = null;
    }
  }

  function setUser(next: SessionUser, idle: number, applySavedLocale: boolean): void {
    user.value = next;
    idleMinutes.value = idle;
    notice.value = null;
    if (applySavedLocale) setLocaleLocal(next.locale);
    armIdle();
  }

  async function signIn(username: string, secret: string): Promise<void> {
    const info = await api.call('session.signIn', { username, secret });
    setUser(info.user, info.idleMinutes, true);
  }

  async function signOut(reason: ErrorData | null = null): Promise<void> {
    disarmIdle();
    if (user.value) {
      try {
        await api.call('session.signOut');
      } catch {
        /* the session may already be gone */
      }
    }
    user.value = null;
    notice.value = reason;
  }

  /** The core said the session is over: forget it locally and show why. */
  function sessionEnded(reason: ErrorData): void {
    disarmIdle();
    user.value = null;
    notice.value = reason;
  }

  function setLocaleLocal(next: Locale): void {
    locale.value = next;
    applyLocale(next);
  }

  async function setLocale(next: Locale): Promise<void> {
    setLocaleLocal(next);
    if (user.value) {
      try {
        await api.call('session.setLocale', { locale: next });
        user.value = { ...user.value, locale: next };
      } catch (err) {
        console.warn('lotdesk: locale not saved', errorData(err).key);
      }
    }
  }

  // Idle sign-out: any key, click or scroll counts as activity.
  function onActivity(): void {
    if (user.value) armIdle();
  }
  function armIdle(): void {
    clearTimeout(idleTimer);
    if (!user.value || idleMinutes.value <= 0) return;
    idleTimer = setTimeout(() => void signOut({ code: 'unauthenticated', key: 'errors.session.expired', params: {} }), idleMinutes.value * 60_000);
  }
  function disarmIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = undefined;
  }
  for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });

  return { station, user, role, idleMinutes, notice, locale, may, homeRoute, loadStation, restore, signIn, signOut, sessionEnded, setLocale };
});
