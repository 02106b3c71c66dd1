/**
 * HID scans on their way to the active screen (issue 19). A HID POS scanner is read by the core
 * (node-hid in the Node process), not by the page, so its scans are kept here, numbered, and handed
 * to the renderer by `devices.events` — a long-poll of the one contract, so both transports (HTTP
 * and the IPC bridge) carry them without a second channel. The renderer gives the screen that has
 * the focus each scan as if a wedge had typed it (renderer/devices/scan-routing.ts).
 *
 * A waiting call wakes on a new scan or a change of a device's state (the header's status).
 */
import type { Scan } from '../../devices/types';
import type { StationScanView } from '../../contract/results/devices';

export type FedScan = StationScanView;

/** Scans kept for a window that was busy for a moment (a slow render, a reconnecting poll). */
const KEPT = 64;
/** A scan older than this is not delivered to a window that comes back later: the clerk has moved on. */
export const SCAN_FRESH_MS = 30_000;

export class ScanFeed {
  private seq = 0;
  private readonly kept: (FedScan & { ms: number })[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  get cursor(): number {
    return this.seq;
  }

  push(scan: Scan): FedScan {
    const ms = this.now();
    const fed = { seq: ++this.seq, data: scan.data, symbology: scan.symbology, source: 'hid' as const, deviceId: scan.deviceId, at: new Date(ms).toISOString(), ms };
    this.kept.push(fed);
    if (this.kept.length > KEPT) this.kept.shift();
    this.wake();
    const { ms: _ms, ...view } = fed;
    return view;
  }

  /** Wakes every waiting call (a device connected or left). */
  wake(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    waiting.forEach((w) => w());
  }

  /**
   * Scans after `after`, fresh ones only. A cursor from before a restart (higher than ours) starts
   * over at our cursor with nothing: the scans it waited for were never made here.
   */
  since(after: number): FedScan[] {
    if (after >= this.seq) return [];
    const oldest = this.now() - SCAN_FRESH_MS;
    return this.kept.filter((s) => s.seq > after && s.ms >= oldest).map(({ ms: _ms, ...s }) => s);
  }

  /** Resolves on the next push or wake, or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  get waiting(): number {
    return this.waiters.size;
  }
}

/** A call from this desk's own window (IPC, or a browser on the desk itself) and not from a PDA on the LAN. */
export function isDeskWindow(client: string | undefined): boolean {
  if (client === undefined) return true;
  return client === '127.0.0.1' || client === '::1' || client === '::ffff:127.0.0.1' || client.startsWith('127.');
}
