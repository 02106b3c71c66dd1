/** Who is signed in at the centre, and the site the central screens show. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ErrorData } from '../../src/domain/errors';
import { centralApi, type CentralMe, type CentralSite } from './central-api';

const SITE_KEY = 'lotdesk.central.site';

export const useCentral = defineStore('central', () => {
  const me = ref<CentralMe | null>(null);
  const sites = ref<CentralSite[]>([]);
  const site = ref<string | null>(null);
  /** Why the user is back at sign-in (session over), translated on display. */
  const notice = ref<ErrorData | null>(null);

  async function loadSites(): Promise<void> {
    sites.value = await centralApi.sites();
    const saved = sessionStorage.getItem(SITE_KEY);
    const wanted = site.value ?? saved;
    site.value = sites.value.find((s) => s.code === wanted)?.code ?? sites.value[0]?.code ?? null;
  }

  function chooseSite(code: string): void {
    site.value = code;
    sessionStorage.setItem(SITE_KEY, code);
  }

  /** On start: a live central session (page reload) is kept. */
  async function restore(): Promise<void> {
    try {
      me.value = await centralApi.me();
      await loadSites();
    } catch {
      me.value = null;
    }
  }

  async function signIn(username: string, password: string): Promise<void> {
    me.value = await centralApi.signIn(username, password);
    notice.value = null;
    await loadSites();
  }

  async function signOut(): Promise<void> {
    try {
      await centralApi.signOut();
    } catch {
      /* the session may already be gone */
    }
    me.value = null;
  }

  function sessionEnded(reason: ErrorData): void {
    me.value = null;
    notice.value = reason;
  }

  return { me, sites, site, notice, loadSites, chooseSite, restore, signIn, signOut, sessionEnded };
});
