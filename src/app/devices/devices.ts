/**
 * The Devices settings and live tests (issue 19): per-station settings (manager), what is
 * connected, a stable weight, a simulated scan in demo mode. Device failures come back as typed
 * errors (errors.devices.<code>) that say what happened and what to do; nothing is written.
 */
import { AppError, fail } from '../../domain/errors';
import { DeviceError } from '../../devices/errors';
import { noteChanges } from '../kernel/audit-changes';
import type { CallContext, Handlers } from '../kernel/context';
import { deviceRuntime } from './runtime';
import { loadDeviceSettings, saveDeviceSettings } from './settings';
import { queuePrintJob } from './print-jobs';
import { keepReading } from './weighings';
import { isDeskWindow } from './scan-feed';

/** A DeviceError as the one typed error of the core; anything else is left to the dispatcher. */
export function asAppError(err: unknown): unknown {
  if (err instanceof DeviceError) return new AppError('rule', err.key, err.params);
  return err;
}

async function device<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw asAppError(err);
  }
}

const settingsOf = (ctx: CallContext) => loadDeviceSettings(ctx.station.db);

export const deviceHandlers = {
  'devices.settings': (ctx) => settingsOf(ctx),
  'devices.saveSettings': (ctx, input) => {
    const before = settingsOf(ctx);
    saveDeviceSettings(ctx.station.db, input);
    // Flatten for the audit: one change per setting that changed.
    const flat = (s: object, prefix = ''): Record<string, string> =>
      Object.entries(s).reduce<Record<string, string>>((acc, [k, v]) => (v !== null && typeof v === 'object' ? Object.assign(acc, flat(v as object, `${prefix}${k}.`)) : ((acc[`${prefix}${k}`] = String(v)), acc)), {});
    noteChanges(ctx, { object: 'setting', id: 'devices.settings', label: 'devices' }, flat(before), flat(input));
    ctx.afterCommit(() => deviceRuntime(ctx.station).syncScanner(input));
    return { done: true };
  },
  'devices.list': (ctx) => device(() => deviceRuntime(ctx.station).list(settingsOf(ctx))),
  'devices.readScale': (ctx) =>
    device(async () => {
      const settings = settingsOf(ctx);
      if (!settings.demo && settings.scale.protocol === 'none') throw fail.rule('errors.devices.noScale');
      const r = await deviceRuntime(ctx.station).readScale(settings);
      return { readingId: keepReading(ctx.station, r, ctx.now), grams: r.grams, value: r.value, unit: r.unit, source: r.source, deviceId: r.deviceId, ...(r.tareGrams !== undefined ? { tareGrams: r.tareGrams } : {}) };
    }),
  'devices.simulateScan': (ctx, input) =>
    device(() => {
      const s = deviceRuntime(ctx.station).simulateScan(settingsOf(ctx), input.data, input.symbology ?? ']C1');
      return { data: s.data, symbology: s.symbology, source: s.source, deviceId: s.deviceId };
    }),
  'devices.events': async (ctx, input) => {
    const runtime = deviceRuntime(ctx.station);
    const mine = isDeskWindow(ctx.auth.client);
    let after = input.after;
    if (after !== undefined && after > runtime.feed.cursor) after = runtime.feed.cursor;
    if (after !== undefined && input.waitMs && (!mine || runtime.feed.since(after).length === 0)) {
      // The scanner is open while the call waits, so its scans can wake it.
      runtime.syncScanner(settingsOf(ctx));
      // Held until a scan or a device change (a PDA gets no scans: it waits for a device change).
      // A wake that was only another window's or a device that came and went: the caller asks again.
      await runtime.feed.wait(input.waitMs);
    }
    const scans = mine && after !== undefined ? runtime.feed.since(after) : [];
    // The status once, as it is now, with the settings as they are now (they may have been saved meanwhile).
    return { cursor: runtime.feed.cursor, scans, status: runtime.status(settingsOf(ctx)) };
  },
  'devices.testPrinter': (ctx, input) => queuePrintJob(ctx, { document: 'test', printerFor: input.document, objectId: null, objectLabel: input.document, copies: 1 }),
} satisfies Partial<Handlers>;
