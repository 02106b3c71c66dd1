/**
 * `lotdesk print test --printer NAME|tcp://HOST[:PORT] [--dpi 203|300] [--server CUPS] [--media M]
 * [--option k=v …]`: a test lot label to a CUPS queue (PDF through lp) or to a raw ZPL printer
 * over TCP 9100. Exit 0 when the printer took it, 1 with the printer's error in words.
 */
import { parseArgs } from 'node:util';
import { DeviceError } from '../devices/errors';
import { CupsPrinter } from '../devices/printers/cups';
import { RawTcpPrinter } from '../devices/printers/raw-tcp';
import { renderLotLabelPdf } from '../documents/label-pdf';
import { renderLotLabelZpl } from '../documents/lot-label-zpl';
import { TEST_LABEL } from '../documents/test-label';
import { translate } from '../i18n/translate';

const USAGE = 'Usage: lotdesk print test --printer NAME|tcp://HOST[:PORT] [--dpi 203|300] [--server CUPS] [--media M] [--option k=v]';


export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { printer: { type: 'string' }, dpi: { type: 'string' }, server: { type: 'string' }, media: { type: 'string' }, option: { type: 'string', multiple: true } } });
  const name = values.printer;
  const dpi = values.dpi ?? '203';
  if (!name || !['203', '300'].includes(dpi)) {
    console.error(USAGE);
    return 2;
  }
  try {
    const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(name);
    const data = { ...TEST_LABEL, receivedAt: new Date().toISOString() };
    let reference: string;
    if (tcp) {
      const zpl = renderLotLabelZpl(data, { dotsPerMm: dpi === '300' ? 12 : 8 });
      reference = (await new RawTcpPrinter(name, { host: tcp[1], port: Number(tcp[2] ?? 9100) }).print({ document: 'test', contentType: 'application/zpl', bytes: Buffer.from(zpl) })).reference;
    } else {
      const lpOptions = Object.fromEntries((values.option ?? []).map((o) => [o.split('=')[0], o.split('=').slice(1).join('=')]));
      const printer = new CupsPrinter(name, { server: values.server, lpOptions });
      reference = (await printer.print({ document: 'test', contentType: 'application/pdf', bytes: await renderLotLabelPdf(data), media: values.media, title: 'lotdesk-test-label' })).reference;
    }
    console.log(`Test label sent to ${name}: ${reference}`);
    return 0;
  } catch (err) {
    if (!(err instanceof DeviceError)) throw err;
    console.error(`lotdesk print test: ${translate('en', err.key, err.params)}`);
    return 1;
  }
}
