/**
 * Where a HID scan goes in the renderer (issue 19): to the active screen's scan target, as if a
 * keyboard wedge had typed it — never into a text field that happens to have the focus. Every desk
 * that takes wedge scans (scanner.ts useWedgeScanner) registers its handler here while mounted; the
 * most recently mounted one is the screen in front. Like the wedge, a scan is not the desk's while
 * a dialog is open (it belongs to the dialog, which takes no scans) or while the window is hidden
 * (another window of the desk is in front): it is refused with a reason the screen can say.
 *
 * No DOM here: the caller says whether a dialog is open and the window is shown (unit-tested).
 */
export interface RoutedScan {
  data: string;
  symbology: string;
  source: 'hid';
  deviceId: string;
}

export type ScanTarget = (scan: RoutedScan) => void;

export type RouteOutcome = 'delivered' | 'noTarget' | 'dialogOpen' | 'hidden';

export class ScanRouter {
  private readonly targets: { id: number; onScan: ScanTarget }[] = [];
  private next = 0;

  /** Registers a screen's scan target; the returned function removes it (on unmount). */
  register(onScan: ScanTarget): () => void {
    const id = ++this.next;
    this.targets.push({ id, onScan });
    return () => {
      const i = this.targets.findIndex((t) => t.id === id);
      if (i >= 0) this.targets.splice(i, 1);
    };
  }

  get count(): number {
    return this.targets.length;
  }

  route(scan: RoutedScan, env: { dialogOpen: boolean; visible: boolean }): RouteOutcome {
    if (!env.visible) return 'hidden';
    const target = this.targets[this.targets.length - 1];
    if (!target) return 'noTarget';
    if (env.dialogOpen) return 'dialogOpen';
    target.onScan(scan);
    return 'delivered';
  }
}

/** The renderer's one router (a module singleton, as the window has one set of desks). */
export const scanRouter = new ScanRouter();
