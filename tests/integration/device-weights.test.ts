/**
 * Weights where they are used (issue 19) on a real desk in demo mode (the simulated HID scale
 * shows 25.04 kg): a stable reading taken by devices.readScale and recorded by id — receiving's
 * net weight (stored with the scale's device, on the lot label as AI 3102, in the audit with the
 * scan's source) and a QC sample weight (source 'scale', the device in the audit). A reading is
 * used once and expires; a "scale" value without a reading, a value other than the reading, a
 * weight GS1 cannot carry, both a reading and a typed weight: each refused, nothing written.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, type DemoRefs } from '../support/inventory';
import { milkPlan } from '../support/qc';
import type { Client } from '../../src/contract/client';
import { closeDeviceRuntime, DEMO_WEIGHT_GRAMS } from '../../src/app/devices/runtime';
import { buildElementString } from '../../src/domain/gs1/encode';

let desk: TestDesk;
let manager: Client;
let clerk: Client;
let inspector: Client;
let refs: DemoRefs;
const DEVICE = 'hid:0922:8003:sim:hid-scale';

beforeAll(async () => {
  desk = await openTestDesk();
  milkPlan(desk.db);
  manager = await desk.signedIn('manager', '4444');
  clerk = await desk.signedIn('clerk', '1111');
  inspector = await desk.signedIn('inspector', '2222');
  refs = await demoRefs(clerk);
  await manager.call('devices.saveSettings', { ...(await manager.call('devices.settings')), demo: true });
});
afterAll(async () => {
  await closeDeviceRuntime(desk.station);
  desk.close();
});

const lotRow = (id: string) => desk.db.prepare('SELECT net_weight_kg AS kg, net_weight_device AS device FROM lots WHERE id = ?').get(id);
const lastChanges = (command: string) => JSON.parse((desk.db.prepare('SELECT changes FROM audit WHERE command = ? ORDER BY seq DESC LIMIT 1').get(command) as { changes: string }).changes) as { field: string; after: unknown }[];
const after = (changes: { field: string; after: unknown }[], field: string) => changes.find((c) => c.field === field)?.after;

async function labelText(lotId: string): Promise<string> {
  const pdf = await clerk.call('labels.lot', { lotId, locale: 'en' });
  const file = join(desk.dir, pdf.fileName);
  writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('receiving weighs on the station scale', () => {
  it('records the stable reading as the net weight with its device; the label carries (3102) and the audit names scale and scan source', async () => {
    const reading = await clerk.call('devices.readScale');
    expect(reading).toMatchObject({ grams: DEMO_WEIGHT_GRAMS, deviceId: DEVICE, readingId: expect.any(String) });
    const rice = refs.item('RICE-BULK');
    const scan = `]C1${buildElementString({ gtin: rice.gtin!, expiry: '2027-06-30', batch: 'GRN-0042' }).gs}`;
    const got = await receiveLot(clerk, refs, 'RICE-BULK', 25.04, '2027-06-30', { scan, supplierLot: 'GRN-0042', weightReadingId: reading.readingId, scanSource: 'hid' });
    expect(lotRow(got.lot.id)).toEqual({ kg: 25.04, device: DEVICE });
    const changes = lastChanges('receiving.receive');
    expect(after(changes, 'netWeight')).toBe('25.04 kg');
    expect(after(changes, 'weightSource')).toBe(DEVICE);
    expect(after(changes, 'scanSource')).toBe('hid');
    const text = await labelText(got.lot.id);
    expect(text).toContain('(3102)002504');
    expect(text).toContain('Net weight 25.04 kg');
  });

  it('takes a reading once: the same reading again is refused, nothing written', async () => {
    const reading = await clerk.call('devices.readScale');
    await receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { weightReadingId: reading.readingId });
    const before = snapshot(desk.db);
    const again = await errorOf(receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { weightReadingId: reading.readingId }));
    expect(again).toMatchObject({ code: 'rule', key: 'errors.devices.readingGone', field: 'weightReadingId' });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('keeps a reading through a refused receipt, and lets it expire after ten minutes', async () => {
    const reading = await clerk.call('devices.readScale');
    const refused = await errorOf(receiveLot(clerk, refs, 'TEA-250', 10, '2020-01-01', { weightReadingId: reading.readingId }));
    expect(refused.key).toBe('errors.receiving.alreadyExpired');
    desk.clock.set(new Date(Date.parse(DEMO_NOW) + 11 * 60_000).toISOString());
    try {
      expect((await errorOf(receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { weightReadingId: reading.readingId }))).key).toBe('errors.devices.readingGone');
    } finally {
      desk.clock.set(DEMO_NOW);
    }
  });

  it('takes a typed net weight with no device; refuses one GS1 cannot carry, or a typed weight beside a reading', async () => {
    const typed = await receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { netWeightKg: 2.5 });
    expect(lotRow(typed.lot.id)).toEqual({ kg: 2.5, device: null });
    expect(after(lastChanges('receiving.receive'), 'weightSource')).toBe('typed');
    const before = snapshot(desk.db);
    expect(await errorOf(receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { netWeightKg: 1.1234567 }))).toMatchObject({ code: 'validation', key: 'errors.receiving.netWeightNotGs1', field: 'netWeightKg' });
    expect((await errorOf(receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { netWeightKg: -1 }))).key).toBe('errors.receiving.badNetWeight');
    const reading = await clerk.call('devices.readScale');
    expect((await errorOf(receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { netWeightKg: 2.5, weightReadingId: reading.readingId }))).key).toBe('errors.receiving.twoWeights');
    expect((await errorOf(receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30', { scan: 'X', scanSource: 'pigeon' as never }))).key).toBe('errors.devices.badScanSource');
    expect(snapshot(desk.db)).toEqual(before);
  });
});

describe('QC sample weights from the scale', () => {
  it('records the reading in the characteristic unit with source scale and the device in the audit; refuses a scale value without its reading', async () => {
    const milk = (await receiveLot(clerk, refs, 'MILK-1L', 600, '2027-05-01')).lot;
    const inspection = (await inspector.call('qc.open', { lotId: milk.id })).inspection!;
    const weight = inspection.characteristics.find((c) => c.code === 'WEIGHT')!;
    const fat = inspection.characteristics.find((c) => c.code === 'FAT')!;
    const call = (extra: { value: number; source: 'scale'; readingId?: string }) => inspector.call('qc.recordResult', { inspectionId: inspection.id, characteristicId: weight.id, sampleNo: 1, ...extra });
    const before = snapshot(desk.db);
    expect(await errorOf(call({ value: 1030, source: 'scale' }))).toMatchObject({ code: 'validation', key: 'errors.qc.scaleNeedsReading', field: 'readingId' });
    const reading = await inspector.call('devices.readScale');
    expect(await errorOf(call({ value: 1030, source: 'scale', readingId: reading.readingId }))).toMatchObject({ key: 'errors.qc.readingMismatch', params: { value: '25040 g' } });
    expect((await errorOf(inspector.call('qc.recordResult', { inspectionId: inspection.id, characteristicId: fat.id, sampleNo: 1, value: 25040, source: 'scale', readingId: reading.readingId }))).key).toBe('errors.qc.readingNotWeight');
    expect(snapshot(desk.db)).toEqual(before);
    const r = await call({ value: 25040, source: 'scale', readingId: reading.readingId });
    expect(r.inSpec).toBe(false);
    expect(r.inspection.results.find((x) => x.characteristicId === weight.id && x.sampleNo === 1)).toMatchObject({ valueNum: 25040, source: 'scale' });
    expect(after(lastChanges('qc.recordResult'), 'device')).toBe(DEVICE);
  });
});
