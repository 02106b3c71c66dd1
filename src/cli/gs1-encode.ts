/**
 * `lotdesk gs1 encode "(01)…(10)…" --format gs1-128|datamatrix|qr|zpl [--out FILE]`
 * Writes a PNG (to FILE, required) or ZPL text (to FILE or stdout). Invalid data: the bwip-js
 * lint error on stderr and exit code 1. Usage errors: exit code 2.
 */
import { writeFileSync } from 'node:fs';
import { BarcodeError, lintGs1, renderBarcodePng, type Symbology } from '../documents/barcode';
import { gs1_128Zpl } from '../documents/zpl';
import { parseArgs } from 'node:util';
import { parseScan } from '../domain/gs1';
import { translate } from '../i18n/translate';

const FORMATS: Record<string, Symbology | 'zpl'> = {
  'gs1-128': 'gs1-128',
  datamatrix: 'gs1-datamatrix',
  qr: 'gs1-qr',
  zpl: 'zpl',
};

const USAGE = 'usage: lotdesk gs1 encode "(01)…(10)…" --format gs1-128|datamatrix|qr|zpl [--out FILE]';

function readArgs(args: string[]): { data: string; format: string; out?: string } | string {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' } } });
  } catch (err) {
    return (err as Error).message;
  }
  const [data, extra] = parsed.positionals;
  const { format, out } = parsed.values;
  if (!data) return 'missing the element string, e.g. "(01)09506000134352(10)ABC"';
  if (extra !== undefined) return `unexpected argument "${extra}"`;
  if (!format || !(format in FORMATS)) return `--format must be one of ${Object.keys(FORMATS).join(', ')}`;
  return { data, format, out };
}

export async function run(args: string[]): Promise<number> {
  const parsed = readArgs(args);
  if (typeof parsed === 'string') {
    console.error(`lotdesk gs1 encode: ${parsed}\n${USAGE}`);
    return 2;
  }
  const format = FORMATS[parsed.format];
  try {
    if (format === 'zpl') {
      lintGs1(parsed.data, 'gs1-128');
      // The one GS1 parser turns the linted bracketed string into elements for the ZPL field.
      const scan = parseScan(parsed.data);
      if (!scan.ok) {
        console.error(`lotdesk gs1 encode: invalid GS1 data: ${scan.error.code}: ${translate('en', scan.error.key, scan.error.params)}`);
        return 1;
      }
      const zpl = gs1_128Zpl(scan.elements.map(({ ai, value }) => ({ ai, value })));
      if (parsed.out) writeFileSync(parsed.out, zpl);
      else process.stdout.write(zpl);
      return 0;
    }
    if (!parsed.out) {
      console.error(`lotdesk gs1 encode: --out FILE is required for PNG output\n${USAGE}`);
      return 2;
    }
    writeFileSync(parsed.out, await renderBarcodePng(format, parsed.data));
    return 0;
  } catch (err) {
    if (err instanceof BarcodeError) {
      console.error(`lotdesk gs1 encode: invalid GS1 data: ${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
