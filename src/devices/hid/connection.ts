/**
 * One HID device kept open across unplugs and sleeps: `HID.devices()` is polled (node-hid has
 * no hot-plug events), the device is opened when it appears and closed when it errors or leaves
 * the list, and reopened when it comes back — a scale that went to sleep included.
 */
import type { HidBackend, HidDeviceInfo, HidHandle } from './backend';

export type ConnectionStatus = 'connected' | 'disconnected';

export interface HidConnectionOptions {
  backend: HidBackend;
  /** Which device: the first the predicate accepts. */
  match: (d: HidDeviceInfo) => boolean;
  onReport: (report: Buffer, device: HidDeviceInfo) => void;
  onStatus?: (status: ConnectionStatus, device: HidDeviceInfo | null) => void;
  /** How often to look for the device (default 1 s). */
  pollMs?: number;
}

export class HidConnection {
  private handle: HidHandle | null = null;
  private device: HidDeviceInfo | null = null;
  private poller: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(private readonly options: HidConnectionOptions) {}

  get current(): HidDeviceInfo | null {
    return this.device;
  }

  /** Opens the device if present and starts watching for it. */
  start(): this {
    this.check();
    this.poller = setInterval(() => this.check(), this.options.pollMs ?? 1000);
    this.poller.unref?.();
    return this;
  }

  /** One look at the device list (also what the poller runs). */
  check(): void {
    if (this.closed) return;
    let list: HidDeviceInfo[];
    try {
      list = this.options.backend.devices();
    } catch {
      return;
    }
    if (this.device && !list.some((d) => d.path === this.device!.path)) this.drop();
    if (this.device) return;
    const found = list.find(this.options.match);
    if (!found) return;
    try {
      const handle = this.options.backend.open(found.path);
      handle.on('data', (report) => {
        if (this.handle === handle) this.options.onReport(report, found);
      });
      handle.on('error', () => {
        if (this.handle === handle) this.drop();
      });
      this.handle = handle;
      this.device = found;
      this.options.onStatus?.('connected', found);
    } catch {
      // Busy or no permission: try again on the next poll.
    }
  }

  private drop(): void {
    const h = this.handle;
    this.handle = null;
    const was = this.device;
    this.device = null;
    try {
      h?.close();
    } catch {
      // already gone
    }
    if (was) this.options.onStatus?.('disconnected', was);
  }

  close(): void {
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    this.drop();
  }
}
