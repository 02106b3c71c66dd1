/** Label rendering: 100 GS1-128 + 100 GS1 DataMatrix PNGs, and one lot label PDF. */
import { availableParallelism, loadavg } from 'node:os';
import { renderBarcodePng } from '../../src/documents/barcode';
import { renderLotLabelPdf } from '../../src/documents/label-pdf';
import { buildElementString } from '../../src/domain/gs1/encode';
import { median, type BenchReport } from './harness';

function lot(i: number) {
  const body = `095060001${String(i).padStart(4, '0')}`;
  return buildElementString({ gtinBody: body, expiry: '2027-12-31', productionDate: '2025-11-20', batch: `251125-MAIN-${String(i).padStart(4, '0')}` });
}

export default async function bench(): Promise<BenchReport> {
  const lots = Array.from({ length: 100 }, (_, i) => lot(i));
  // Best of 5 rounds: the first rounds include bwip-js's JIT warm-up, and a shared machine adds noise.
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (const { hri } of lots) {
      await renderBarcodePng('gs1-128', hri);
      await renderBarcodePng('gs1-datamatrix', hri);
    }
    rounds.push(performance.now() - started);
  }
  const pngMs = Math.min(...rounds);

  const label = {
    locale: 'zh-CN' as const,
    itemName: '有机燕麦片（25公斤袋装）',
    sku: 'OAT-25',
    gtin: '09506000134352',
    lotCode: '251125-MAIN-0001',
    supplierLot: 'SUP-7781A',
    supplierName: '丰收面粉厂',
    expiry: '2027-12-31',
    productionDate: '2025-11-20',
    quantity: 1250.5,
    unit: 'kg',
    status: 'quarantine',
    receivedAt: '2025-11-25T09:19:00Z',
  };
  const firstStarted = performance.now();
  await renderLotLabelPdf(label);
  const firstPdfMs = performance.now() - firstStarted;
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await renderLotLabelPdf(label);
    samples.push(performance.now() - t);
  }
  const pdfMedian = median(samples);

  return {
    name: 'Label rendering (bwip-js, pdfmake)',
    rows: [
      { metric: '100 GS1-128 + 100 GS1 DataMatrix PNGs (best of 5)', value: pngMs, unit: 'ms', target: '< 1000 ms', ok: pngMs < 1000 },
      { metric: '100 GS1-128 + 100 GS1 DataMatrix PNGs (first round, cold)', value: rounds[0], unit: 'ms' },
      { metric: 'lot label PDF, median of 20 (zh-CN, CJK font)', value: pdfMedian, unit: 'ms' },
      { metric: 'lot label PDF, first (loads fonts)', value: firstPdfMs, unit: 'ms' },
    ],
    notes: [
      'PNGs at scale 2 (the default) with white background and quiet zones, as the app renders them.',
      `load average during the run: ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`,
    ],
  };
}
