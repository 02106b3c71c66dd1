/**
 * `trace.export`: the trace screen's table view as a file, built in the core so it is the same
 * over IPC, over HTTP and on a desk without a network; the renderer only saves the bytes.
 */
import type { TraceExportFile } from '../../contract/results';
import type { ParsedInput } from '../../contract/contract';
import { traceCsv, traceXlsx } from '../../documents/trace-export';
import type { Handlers } from '../kernel/context';
import { traceLot } from './trace-lot';
import { lotNamed, traceInputOf } from './lot-named';

const MIME = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** A file name safe on every desk's file system: the lot code with anything but letters, digits, dot and dash replaced. */
function fileName(lotCode: string, input: ParsedInput<'trace.export'>): string {
  const code = lotCode.replace(/[^\p{L}\p{N}._-]+/gu, '_');
  return input.format === 'csv' ? `trace-${code}-${input.direction}-${input.table}.csv` : `trace-${code}-${input.direction}.xlsx`;
}

export const traceExportHandlers = {
  'trace.export': async (ctx, input): Promise<TraceExportFile> => {
    const { format, table, locale: asked, direction } = input;
    const trace = traceLot(ctx.station.db, traceInputOf(lotNamed(input), direction), ctx.today);
    const locale = asked ?? ctx.user?.locale ?? 'en';
    const file = format === 'csv' ? traceCsv(trace, table, locale) : await traceXlsx(trace, locale);
    return { fileName: fileName(trace.root.code, input), mimeType: MIME[format], base64: file.bytes.toString('base64'), rows: file.rows };
  },
} satisfies Partial<Handlers>;
