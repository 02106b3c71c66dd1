/**
 * Documents printed to the printer chosen for their type (issue 19): the SSCC label, the delivery
 * note, the certificate of analysis and the recall report, each through `lp` to a CUPS-PDF queue
 * of a private cupsd (tests/support/cups.ts) — labels to one queue, A4 documents to another —
 * and read back from the file CUPS-PDF writes: pdftotext, and the SSCC label's DataMatrix
 * decoded by zxing to the GS1 data with the package's catch weight, (3103). Each print is in the
 * print log with its reprint number, and a reprint says so on the page. A missing printer, a
 * ZPL printer for a PDF document, or a queue that does not exist: a translated error, nothing
 * written, and the failed job sent again once the queue is right.
 *
 * CUPS-PDF re-renders a job (PDF → PostScript → Ghostscript → PDF) and loses the Unicode mapping
 * of some digits and ligatures on the way (see cups-print.test.ts), so the printed text is checked
 * for words, the barcodes for the data, and the exact figures in the same document from its query.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import { insertInspection, insertPlan } from '../support/qc-fixtures';
import { cupsUnavailable, startPrivateCups, waitForCupsPdf, type PrivateCups } from '../support/cups';
import { decodePng } from '../unit/documents/helpers/zxing';
import type { Client } from '../../src/contract/client';
import type { DeviceSettings, LotView, PrinterTarget, PrintJobView } from '../../src/contract/results';
import { translate } from '../../src/i18n/translate';

const unavailable = cupsUnavailable();

describe.skipIf(unavailable !== null)(`documents on the station's printers${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cups: PrivateCups;
  let desk: TestDesk;
  let manager: Client;
  let clerk: Client;
  let inspector: Client;
  let tea: LotView;
  let shipmentId: string;
  let shipmentNumber: string;
  let packageId: string;
  let sscc: string;
  let settings: DeviceSettings;
  const outputs: string[] = [];
  const LABELS = 'LotDeskLabels';

  const queue = (name: string, media: string): PrinterTarget => ({ kind: 'cups', queue: name, server: cups.server, format: 'pdf', media, options: { 'pdftops-renderer': 'pdftocairo' }, copies: 1 });

  async function settle(job: PrintJobView): Promise<PrintJobView> {
    let now = job;
    await expect.poll(async () => (now = await clerk.call('print.job', { jobId: job.id })).status, { timeout: 20_000 }).not.toBe('queued');
    return now;
  }

  /** The job printed, and the text of the PDF CUPS-PDF wrote for it. */
  async function printed(job: PrintJobView): Promise<{ job: PrintJobView; file: string; text: string }> {
    const done = await settle(job);
    expect(done, JSON.stringify(done.errorParams)).toMatchObject({ status: 'printed', reference: expect.stringMatching(/^LotDesk\w+-\d+$/) });
    // CUPS-PDF cuts the file name (the job's title) to about 60 characters.
    const file = await waitForCupsPdf(cups.outputDir, `${done.document}-${done.objectLabel}-${done.id}`.slice(0, 50));
    outputs.push(file);
    return { job: done, file, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
  }

  /** The text of a document as its query renders it (no CUPS round trip). */
  async function queryText(pdf: Promise<{ base64: string }>): Promise<string> {
    return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from((await pdf).base64, 'base64'), encoding: 'utf8' });
  }

  beforeAll(async () => {
    cups = await startPrivateCups();
    cups.addQueue(LABELS);
    desk = await openTestDesk();
    [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-03-31', quantity: 10, bin: 'A-01' }]);
    desk.db.prepare("UPDATE items SET catch_weight = 1 WHERE sku = 'TEA-250'").run();
    manager = await desk.signedIn('manager', '4444');
    clerk = await desk.signedIn('clerk', '1111');
    inspector = await desk.signedIn('inspector', '2222');
    const lead = await desk.signedIn('lead', '3333');
    const cat = await catalog(lead);
    const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 4 }] });
    await lead.call('allocation.allocate', { orderId: order.id });
    await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: tea.code, quantity: 3, weightKg: 3.1 });
    await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: tea.code, quantity: 1, weightKg: 1.025 });
    const packed = await clerk.call('packing.scan', { orderId: order.id, scan: tea.code });
    packageId = packed.packageId;
    sscc = packed.sscc;
    const shipped = await clerk.call('shipping.ship', { orderId: order.id });
    shipmentId = shipped.shipmentId;
    shipmentNumber = shipped.shipmentNumber;
    settings = await manager.call('devices.settings');
    settings.printers = {
      'sscc-label': queue(LABELS, 'Custom.100x150mm'),
      'delivery-note': { ...queue(cups.queue, 'A4'), copies: 2 } as PrinterTarget,
      coa: queue(cups.queue, 'A4'),
      'recall-report': queue(cups.queue, 'A4'),
    };
    await manager.call('devices.saveSettings', settings);
  }, 60_000);
  afterAll(async () => {
    for (const f of outputs) rmSync(f, { force: true });
    desk?.close();
    await cups?.stop();
  });

  it('prints the SSCC label to the label queue with the net weight in its text and its GS1 DataMatrix (3103); a reprint says REPRINT 1', async () => {
    const first = await printed(await clerk.call('print.ssccLabel', { packageId, locale: 'en' }));
    expect(first.job).toMatchObject({ document: 'sscc-label', objectId: packageId, objectLabel: sscc, printer: `cups ${LABELS}`, format: 'pdf', reprint: 0, copies: 1 });
    expect(first.text).toContain('Net weight');
    expect(first.text).not.toMatch(/REPRINT/);
    expect(execFileSync('pdfinfo', [first.file], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
    expect(await queryText(clerk.call('labels.sscc', { packageId, locale: 'en' }))).toMatch(/Net weight\s+4\.125 kg/);
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', first.file, first.file]);
    outputs.push(`${first.file}.png`);
    const decoded = await decodePng(readFileSync(`${first.file}.png`));
    const matrix = decoded.find((d) => d.symbologyIdentifier === ']d2');
    expect(matrix?.hri).toMatch(new RegExp(`^\\(00\\)${sscc}\\(02\\)\\d{14}\\(17\\)280331\\(3103\\)004125\\(37\\)4\\(10\\)${tea.code}$`));
    expect(decoded.find((d) => d.symbologyIdentifier === ']C1')?.hri).toBe(`(00)${sscc}`);

    const again = await printed(await clerk.call('print.ssccLabel', { packageId, locale: 'zh-CN' }));
    expect(again.job.reprint).toBe(1);
    expect(again.text).toContain('补打');
    expect(again.text).toContain('净重');
  }, 60_000);

  it('prints the delivery note to the document queue in its copies, with each line’s and the total net weight', async () => {
    const { job, text } = await printed(await clerk.call('print.deliveryNote', { shipmentId, locale: 'en' }));
    expect(job).toMatchObject({ document: 'delivery-note', objectId: shipmentId, objectLabel: shipmentNumber, printer: `cups ${cups.queue}`, copies: 2, reprint: 0 });
    for (const s of ['Delivery note', 'Jasmine green tea', 'Net weight', 'Total net weight', 'SSCC']) expect(text).toContain(s);
    expect(text).not.toContain('REPRINT');
    // Two picks of the lot (3.1 kg and 1.025 kg) on one line: the line's weight and the total.
    expect(await queryText(clerk.call('shipping.deliveryNote', { shipmentId, locale: 'en' }))).toMatch(/4 pcs\s+Net weight 4\.125 kg\s+Total net weight 4\.125 kg/);
    const reprint = await printed(await clerk.call('print.deliveryNote', { shipmentId, copies: 1, locale: 'en' }));
    expect(reprint.job).toMatchObject({ reprint: 1, copies: 1 });
    expect(reprint.text).toContain('REPRINT');
    const log = await clerk.call('print.log', { objectId: shipmentId });
    expect(log.map((j) => [j.document, j.reprint, j.status])).toEqual([
      ['delivery-note', 1, 'printed'],
      ['delivery-note', 0, 'printed'],
    ]);
  }, 60_000);

  it('prints the certificate of analysis (QC desks) and the recall report (managers) to their printers', async () => {
    const item = desk.db.prepare("SELECT id FROM items WHERE sku = 'TEA-250'").get() as { id: string };
    const { planId, characteristicIds } = insertPlan(desk, item.id, [{ code: 'MOIST', name: 'Moisture', nameZh: '水分', kind: 'numeric', unit: '%', lower: 0, upper: 7, decimals: 1, method: 'ISO 1573' }], { n: 1 });
    insertInspection(desk, tea.id, planId, [{ characteristicId: characteristicIds[0], sampleNo: 1, value: 5.2, inSpec: true }], { decision: 'released' });
    expect((await errorOf(clerk.call('print.coa', { lotId: tea.id }))).code).toBe('forbidden');
    const coa = await printed(await inspector.call('print.coa', { lotId: tea.id, locale: 'en', timeZone: 'Asia/Shanghai' }));
    expect(coa.job).toMatchObject({ document: 'coa', objectId: tea.id, objectLabel: tea.code, printer: `cups ${cups.queue}` });
    for (const s of ['Moisture', 'Results', 'Decision', 'Released', 'Electronic signature intact']) expect(coa.text).toContain(s);

    const recall = await manager.call('recall.start', { roots: [{ lotId: tea.id }], mock: true, reason: 'Drill: printed report', recallClass: 'II' });
    expect((await errorOf(clerk.call('print.recallReport', { recallId: recall.id }))).code).toBe('forbidden');
    const report = await printed(await manager.call('print.recallReport', { recallId: recall.id, locale: 'zh-CN' }));
    expect(report.job).toMatchObject({ document: 'recall-report', objectId: recall.id, objectLabel: recall.number, reprint: 0 });
    expect(report.text).toContain('召回');
  }, 60_000);

  it('a document with no printer, or a PDF document on a ZPL printer, is refused in words and writes nothing', async () => {
    await manager.call('devices.saveSettings', { ...settings, printers: { ...settings.printers, 'delivery-note': { kind: 'none' }, coa: { kind: 'zpl-tcp', host: '127.0.0.1', port: 9, dpi: 203, copies: 1 } } });
    const before = snapshot(desk.db);
    const none = await errorOf(clerk.call('print.deliveryNote', { shipmentId }));
    expect(none).toMatchObject({ code: 'rule', key: 'errors.devices.noPrinter', params: { document: 'delivery-note' } });
    expect(translate('en', none.key, none.params)).toBe('No printer is set for Delivery note at this station. Choose one in Settings → Devices.');
    expect(translate('zh-CN', none.key, none.params)).toContain('送货单');
    const zpl = await errorOf(inspector.call('print.coa', { lotId: tea.id }));
    expect(zpl).toMatchObject({ code: 'rule', key: 'errors.devices.pdfOnly', params: { document: 'coa' } });
    expect(translate('zh-CN', zpl.key, zpl.params)).toContain('PDF');
    expect((await errorOf(clerk.call('print.ssccLabel', { packageId: '01890000-0000-7000-8000-000000000000' }))).key).toBe('errors.packing.unknownPackage');
    expect((await errorOf(clerk.call('print.deliveryNote', { shipmentId, copies: 100 }))).key).toBe('errors.print.copies');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('a queue that does not exist fails the job in words; once the queue is set right the same job prints (same reprint number)', async () => {
    await manager.call('devices.saveSettings', { ...settings, printers: { ...settings.printers, 'delivery-note': queue('NoSuchQueue', 'A4') } });
    const failed = await settle(await clerk.call('print.deliveryNote', { shipmentId, locale: 'en' }));
    expect(failed).toMatchObject({ status: 'failed', errorKey: 'errors.devices.printFailed', printer: 'cups NoSuchQueue', reprint: 2 });
    expect(translate('en', failed.errorKey!, failed.errorParams!)).toMatch(/^Printing failed: .*(NoSuchQueue|does not exist)/);
    await manager.call('devices.saveSettings', settings);
    const retried = await printed(await clerk.call('print.retry', { jobId: failed.id }));
    expect(retried.job).toMatchObject({ id: failed.id, status: 'printed', reprint: 2, attempts: 2 });
    expect(retried.text).toContain('REPRINT');
  }, 60_000);
});

describe('catch weight on the SSCC label and the delivery note', () => {
  it('a lot split over two packages has no weight on either label (GS1 310n only for what a package holds); the note weighs each order line', async () => {
    const desk = await openTestDesk();
    try {
      const [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-03-31', quantity: 10, bin: 'A-01' }]);
      desk.db.prepare("UPDATE items SET catch_weight = 1 WHERE sku = 'TEA-250'").run();
      const lead = await desk.signedIn('lead', '3333');
      const clerk = await desk.signedIn('clerk', '1111');
      const cat = await catalog(lead);
      const item = cat.item('TEA-250').id;
      const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: item, quantity: 2 }, { itemId: item, quantity: 2 }] });
      await lead.call('allocation.allocate', { orderId: order.id });
      await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: tea.code, quantity: 2, weightKg: 2 });
      await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: tea.code, quantity: 2, weightKg: 2.5 });
      const a = await clerk.call('packing.scan', { orderId: order.id, scan: tea.code, quantity: 1 });
      const b = await clerk.call('packing.scan', { orderId: order.id, scan: tea.code, quantity: 3 });
      const text = async (pdf: Promise<{ base64: string }>) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from((await pdf).base64, 'base64'), encoding: 'utf8' });
      for (const p of [a, b]) {
        const label = await text(clerk.call('labels.sscc', { packageId: p.packageId, locale: 'en' }));
        expect(label).not.toContain('Net weight');
        expect(label).not.toContain('(310');
        expect(label).toContain(`(00)${p.sscc}(02)`);
      }
      const shipped = await clerk.call('shipping.ship', { orderId: order.id });
      const note = await text(clerk.call('shipping.deliveryNote', { shipmentId: shipped.shipmentId, locale: 'en' }));
      expect([...note.matchAll(/Net weight ([\d.]+) kg/g)].map((m) => m[1])).toEqual(['2', '2.5']);
      expect(note).toContain('Total net weight 4.5 kg');
    } finally {
      desk.close();
    }
  });
});
