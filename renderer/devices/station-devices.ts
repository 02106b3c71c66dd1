/**
 * The station's devices as the renderer sees them (issue 19): the device status the header shows,
 * the station's keyboard-wedge settings (the Devices screen's, kept per station), and the HID scans
 * of the station's scanner, handed to the active screen through scanRouter.
 *
 * One loop per window, running while anything uses it (the header does while signed in): a long-
 * poll of `devices.events` over the one contract (IPC or HTTP), held by the core until a scan comes
 * or a device changes, so a scan reaches the screen as soon as the scanner decoded it.
 */
import { ref } from 'vue';
import type { DeviceStatusView } from '../../src/contract/results';
import { api } from '../api';
import { dialogOpen } from '../overlays';
import { scanRouter, type RouteOutcome } from './scan-routing';

export const deviceStatus = ref<DeviceStatusView | null>(null);
/** The last HID scan the desk could not take, and why (the header says it). */
export const refusedScan = ref<{ outcome: Exclude<RouteOutcome, 'delivered'>; at: number } | null>(null);

const WAIT_MS = 15_000;
let users = 0;
let running = false;
let generation = 0;

async function loop(gen: number): Promise<void> {
  let cursor: number | undefined;
  let failures = 0;
  while (users > 0 && gen === generation) {
    try {
      const e = await api.call('devices.events', cursor === undefined ? {} : { after: cursor, waitMs: WAIT_MS });
      if (gen !== generation) break;
      failures = 0;
      deviceStatus.value = e.status;
      cursor = e.cursor;
      for (const scan of e.scans) {
        const outcome = scanRouter.route(scan, { dialogOpen: dialogOpen(), visible: document.visibilityState !== 'hidden' });
        refusedScan.value = outcome === 'delivered' ? null : { outcome, at: Date.now() };
      }
    } catch {
      // Signed out, the desk restarting, the network: wait a moment and start again from now.
      failures += 1;
      cursor = undefined;
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * failures)));
    }
  }
  if (gen === generation) running = false;
}

/** Starts the loop for a user of it (a mounted component); the returned function stops using it. */
export function useStationDevices(): () => void {
  users += 1;
  if (!running) {
    running = true;
    generation += 1;
    void loop(generation);
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    users -= 1;
    if (users === 0) {
      generation += 1;
      running = false;
      deviceStatus.value = null;
    }
  };
}
