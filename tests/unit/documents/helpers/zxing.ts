/** zxing-wasm as an independent decoder, its .wasm loaded from node_modules (no network). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | undefined;

export interface Decoded {
  format: string;
  /** AIM symbology identifier, e.g. "]C1", "]d2", "]Q3". */
  symbologyIdentifier: string;
  /** Raw content, FNC1 separators as GS (0x1D). */
  raw: string;
  /** zxing's own bracketed rendering of GS1 content. */
  hri: string;
}

export async function decodePng(png: Uint8Array): Promise<Decoded[]> {
  ready ??= prepareZXingModule({
    overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer },
    fireImmediately: true,
  });
  await ready;
  const read = (textMode: 'Plain' | 'HRI'): Promise<ReadResult[]> =>
    readBarcodes(png, { formats: [], tryHarder: true, textMode, maxNumberOfSymbols: 8 });
  const [plain, hri] = await Promise.all([read('Plain'), read('HRI')]);
  return plain
    .filter((r) => r.isValid)
    .map((r, i) => ({ format: r.format, symbologyIdentifier: r.symbologyIdentifier, raw: r.text, hri: hri[i]?.text ?? '' }));
}
