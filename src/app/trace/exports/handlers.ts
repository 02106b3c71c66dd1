/** `trace.fsma` and `trace.epcis`: the trace exports as base64 bytes for the UI (the CLI calls the exporters directly). */
import type { Handlers } from '../../kernel/context';
import { exportEpcis } from './epcis';
import { exportFsma } from './fsma';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  jsonld: 'application/ld+json',
};

export const regulatoryExportHandlers = {
  'trace.fsma': async (ctx, input) => {
    const locale = input.locale ?? ctx.user?.locale ?? 'en';
    const file = await exportFsma(ctx.station.db, input.lotIds, input.format, locale, ctx.today, ctx.station.site());
    return { fileName: file.fileName, mimeType: MIME[input.format], base64: file.bytes.toString('base64') };
  },
  'trace.epcis': (ctx, input) => {
    const file = exportEpcis(ctx.station.db, input.lotIds, input.locale ?? ctx.user?.locale ?? 'en', ctx.today, ctx.now, ctx.station.site());
    return { fileName: file.fileName, mimeType: MIME.jsonld, base64: file.bytes.toString('base64') };
  },
} satisfies Partial<Handlers>;
