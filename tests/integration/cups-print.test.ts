/**
 * A lot label PDF printed through a CUPS-PDF queue of a private cupsd (tests/support/cups.ts),
 * the way `lp -d QUEUE -n COPIES -o media=…` prints at a desk; the file CUPS-PDF writes is read
 * back as a person and a scanner would: pdftotext, and a 300 dpi raster decoded by zxing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsPrinter, listCupsQueues } from '../../src/devices/printers/cups';
import { renderLotLabelPdf } from '../../src/documents/label-pdf';
import { SAMPLE_LOT_LABEL, SAMPLE_LOT_LABEL_HRI } from '../support/sample-lot-label';
import { decodePng } from '../unit/documents/helpers/zxing';
import { cupsUnavailable, startPrivateCups, waitForCupsPdf, type PrivateCups } from '../support/cups';


const unavailable = cupsUnavailable();

const label = { ...SAMPLE_LOT_LABEL, reprint: 2 };

describe.skipIf(unavailable !== null)(`printing through CUPS${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cups: PrivateCups;
  const outputs: string[] = [];
  beforeAll(async () => {
    cups = await startPrivateCups();
  }, 30_000);
  afterAll(async () => {
    for (const f of outputs) rmSync(f, { force: true });
    await cups?.stop();
  });

  it('lists the queue, prints the label PDF and CUPS-PDF writes a PDF whose text and barcodes read back', async () => {
    expect(await listCupsQueues({ server: cups.server })).toEqual([{ name: cups.queue, enabled: true, device: 'cups-pdf:/' }]);
    const title = `lotdesk-label-${process.pid}-${Date.now()}`;
    const printer = new CupsPrinter(cups.queue, { server: cups.server, lpOptions: { 'pdftops-renderer': 'pdftocairo' } });
    const result = await printer.print({ document: 'lot-label', contentType: 'application/pdf', bytes: await renderLotLabelPdf(label), media: 'Custom.100x150mm', title });
    expect(result.reference).toMatch(new RegExp(`^${cups.queue}-\\d+$`));
    const file = await waitForCupsPdf(cups.outputDir, title);
    outputs.push(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // CUPS-PDF prints by PDF → PostScript → Ghostscript → PDF; that round trip keeps the text of
    // the regular face but loses the Unicode mapping of some bold-face digits (the lot code,
    // quantity), so those are checked in the barcodes below, not in the text.
    for (const s of ['Organic rolled oats', 'QUARANTINE', 'REPRINT 2', 'RECEIVED', 'Nov 25, 2025, 09:19 UTC', 'GTIN 09506000134352']) expect(text).toContain(s);
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', file, file]);
    const decoded = await decodePng(readFileSync(`${file}.png`));
    outputs.push(`${file}.png`);
    expect(decoded.map((d) => [d.symbologyIdentifier, d.hri]).sort()).toEqual([
      [']C1', SAMPLE_LOT_LABEL_HRI],
      [']d2', SAMPLE_LOT_LABEL_HRI],
    ]);
  }, 60_000);

  it('a queue that does not exist is printFailed with lp\'s words', async () => {
    await expect(new CupsPrinter('NoSuchQueue', { server: cups.server }).print({ document: 'test', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n') })).rejects.toMatchObject({
      code: 'printFailed',
      params: { reason: expect.stringMatching(/NoSuchQueue|not exist|Unknown/i) },
    });
  });
});
