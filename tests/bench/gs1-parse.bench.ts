/**
 * GS1 scan parsing: throughput on a realistic mix of logistics scans (one core), and a fuzz run
 * of 1,000,000 generated inputs that must neither throw nor hang (the row counts the inputs the
 * property actually received, not the number asked for).
 */
import fc from 'fast-check';
import { gs1CheckDigit } from '../../src/domain/gs1/check-digit';
import { parseScan } from '../../src/domain/gs1';
import { anyScanText, nearlyValidBracketed } from '../unit/gs1/arbitraries';
import { benchSize, countRow, row, TINY, type BenchReport } from './harness';

const GS = '\x1d';
const ck = (body: string) => body + gs1CheckDigit(body);

/** What a receiving desk scans in a day: item labels, pallet labels, retail codes, QR links, a few bad reads. */
function logisticsMix(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const gtin = ck(`0950600${String(100000 + (i % 900000)).padStart(6, '0')}`);
    const sscc = ck(`0950600013${String(i).padStart(7, '0')}`);
    const lot = `L${(i * 7919) % 100000}`;
    switch (i % 10) {
      case 0: case 1: case 2:
        out.push(`]C101${gtin}10${lot}${GS}17271200`);
        break;
      case 3:
        out.push(`]C100${sscc}02${gtin}3748${GS}10${lot}${GS}15270630`);
        break;
      case 4:
        out.push(`]d201${gtin}17280229${'10'}${lot}${GS}21SN${i}`);
        break;
      case 5:
        out.push(`]C101${gtin}3103012500${'11'}260301${'10'}${lot}`);
        break;
      case 6:
        out.push(`]E0${gtin.slice(1)}`);
        break;
      case 7:
        out.push(`(01)${gtin}(10)${lot}(17)271231`);
        break;
      case 8:
        out.push(i % 20 === 8 ? `https://id.gs1.org/01/${gtin}/10/${lot}?17=271231` : `]e001${gtin}3102001250`);
        break;
      default:
        out.push(i % 20 === 9 ? `]C101${gtin.slice(0, 13)}${(Number(gtin[13]) + 1) % 10}10${lot}` : `]Q301${gtin}21${i}`);
    }
  }
  return out;
}

function throughput(scans: string[], ms: number): number {
  const options = { today: '2026-11-25' };
  let ok = 0;
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < ms) {
    for (const s of scans) if (parseScan(s, options).ok) ok++;
    n += scans.length;
  }
  if (ok === 0) throw new Error('nothing parsed');
  return n / ((performance.now() - started) / 1000);
}

export default async (): Promise<BenchReport> => {
  const scans = logisticsMix(benchSize(null, 10_000, 200));
  const windowMs = TINY ? 20 : 1000;
  throughput(scans, windowMs); // warm-up: let the JIT settle
  const rates = [1, 2, 3, 4, 5].map(() => throughput(scans, windowMs));

  const FUZZ = benchSize('LOTDESK_BENCH_FUZZ', 1_000_000, 2000);
  let ran = 0;
  let thrown = 0;
  let slowest = 0;
  const started = performance.now();
  fc.assert(
    fc.property(fc.oneof(anyScanText, nearlyValidBracketed), (text) => {
      ran++;
      const t0 = performance.now();
      try {
        parseScan(text);
      } catch {
        thrown++;
      }
      slowest = Math.max(slowest, performance.now() - t0);
    }),
    { numRuns: FUZZ },
  );
  const fuzzSeconds = (performance.now() - started) / 1000;

  return {
    name: 'GS1 parse',
    rows: [
      row(`parse throughput, logistics mix (median of 5 × ${windowMs} ms)`, rates.map(Math.round), 'scans/s', { target: { atLeast: 500_000 } }),
      countRow('fuzz inputs the property ran', ran, ran, 'inputs', { atLeast: FUZZ }),
      countRow('fuzz inputs that threw', thrown, ran, 'inputs', { below: 1, text: '0' }),
      countRow('slowest single fuzz input (the worst is the figure: a hang is one input)', slowest, ran, 'ms', { below: 250, text: '< 250 ms (no hang)' }),
      countRow('fuzz run', fuzzSeconds, ran, 's'),
    ],
    notes: [`throughput runs: ${rates.map((r) => Math.round(r)).join(', ')} scans/s`],
  };
};
