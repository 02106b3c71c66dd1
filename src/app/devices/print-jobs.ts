/**
 * Print jobs and the print log (issue 19). A job is recorded — who, what, which printer, its
 * reprint number — in the command's transaction with its audit record; after the commit the
 * label is rendered (PDF or ZPL at the printer's dpi, "REPRINT n" when printed before) and sent.
 * The outcome (printed, or failed with the device's typed error) is written when the printer
 * answers; a failed job is sent again unchanged by print.retry. The renderer polls print.job.
 */
import { fail } from '../../domain/errors';
import { DeviceError } from '../../devices/errors';
import { renderLotLabelPdf } from '../../documents/label-pdf';
import { renderLotLabelZpl } from '../../documents/lot-label-zpl';
import type { LotLabelData } from '../../documents/lot-label';
import type { PrintDocument, PrintJobView } from '../../contract/results/devices';
import { PRINT_DOCUMENTS } from '../../domain/print-documents';
import { newId } from '../../store/ids';
import { countEarlierPrints, findPrintJob, finishPrintJob, insertPrintJob, listPrintJobs, requeuePrintJob } from '../../store/print-jobs';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { appendAudit } from '../kernel/audit-log';
import { lotLabelData } from '../inbound/lot-labels';
import { TEST_LABEL } from '../../documents/test-label';
import { deviceRuntime } from './runtime';
import { loadDeviceSettings } from './settings';

/** The label a printer test prints: a lot label of a lot that does not exist, marked as a test. */
function testLabel(ctx: CallContext): LotLabelData {
  return { ...TEST_LABEL, locale: ctx.user?.locale ?? 'en', receivedAt: ctx.now.toISOString() };
}

interface JobRequest {
  document: PrintDocument;
  /** The document type whose printer prints it (a test job names the one it tests). */
  printerFor: (typeof PRINT_DOCUMENTS)[number];
  objectId: string | null;
  objectLabel: string | null;
  copies?: number;
  locale?: LotLabelData['locale'];
}

const jobData = new Map<string, { printerFor: (typeof PRINT_DOCUMENTS)[number]; label: LotLabelData }>();

/** Records the job and sends it after the commit; the returned view is the queued job. */
export function queuePrintJob(ctx: CallContext, req: JobRequest): PrintJobView {
  const db = ctx.station.db;
  const settings = loadDeviceSettings(db);
  const target = settings.printers[req.printerFor];
  if ((!target || target.kind === 'none') && !settings.demo) {
    throw fail.rule('errors.devices.noPrinter', { document: req.printerFor }, 'document');
  }
  const label = req.document === 'test' ? testLabel(ctx) : lotLabelData(ctx, req.objectId!, req.locale);
  const reprint = req.objectId ? countEarlierPrints(db, req.document, req.objectId) : 0;
  const format = target && target.kind !== 'none' ? (target.kind === 'zpl-tcp' ? 'zpl' : target.format) : 'zpl';
  const description = !target || target.kind === 'none' ? 'demo zpl-tcp' : target.kind === 'zpl-tcp' ? `zpl-tcp ${target.host}:${target.port} ${target.dpi}dpi` : `cups ${target.queue}`;
  const id = newId();
  insertPrintJob(db, {
    id,
    createdAt: ctx.now.toISOString(),
    userId: requireUser(ctx).id,
    stationId: ctx.station.stationId,
    document: req.document,
    objectId: req.objectId,
    objectLabel: req.objectLabel ?? label.lotCode,
    printer: description,
    format,
    copies: req.copies ?? (target && target.kind !== 'none' ? target.copies : 1),
    reprint,
  });
  jobData.set(id, { printerFor: req.printerFor, label: { ...label, reprint } });
  ctx.auditDetail = { job: id, printer: description, reprint };
  ctx.afterCommit(() => void sendPrintJob(ctx, id));
  return findPrintJob(db, id)!;
}

/** Renders and sends one job, then writes its outcome. Never throws: the outcome is the job's status. */
export async function sendPrintJob(ctx: CallContext, id: string): Promise<void> {
  const db = ctx.station.db;
  const job = findPrintJob(db, id);
  const data = jobData.get(id);
  const at = () => ctx.station.clock.now().toISOString();
  if (!job || !data) return;
  try {
    const settings = loadDeviceSettings(db);
    const chosen = await deviceRuntime(ctx.station).printer(settings, settings.printers[data.printerFor]);
    if (!chosen) throw new DeviceError('printFailed', 'No printer is set', { reason: 'no printer' });
    const bytes = chosen.format === 'zpl' ? Buffer.from(renderLotLabelZpl(data.label, { dotsPerMm: chosen.dpi === 300 ? 12 : 8 })) : await renderLotLabelPdf(data.label);
    const target = settings.printers[data.printerFor];
    const result = await chosen.printer.print({
      document: job.document,
      contentType: chosen.format === 'zpl' ? 'application/zpl' : 'application/pdf',
      bytes,
      copies: job.copies,
      media: target?.kind === 'cups' ? target.media : undefined,
      title: `${job.document}-${job.objectLabel ?? ''}-${id}`,
    });
    db.transaction(() => outcome(ctx, id, at(), { ok: true, reference: result.reference })).immediate();
  } catch (err) {
    const e = err instanceof DeviceError ? err : new DeviceError('printFailed', String((err as Error).message), { reason: String((err as Error).message).slice(0, 200) });
    db.transaction(() => outcome(ctx, id, at(), { ok: false, key: e.key, params: e.params })).immediate();
  }
}

/** The outcome and its audit record in one transaction: the print log is covered by the chain (issue 18). */
function outcome(ctx: CallContext, id: string, at: string, o: Parameters<typeof finishPrintJob>[3]): void {
  finishPrintJob(ctx.station.db, id, at, o);
  appendAudit(ctx.station.db, { at, stationId: ctx.station.stationId, userId: ctx.user?.id ?? null, command: 'print.outcome', input: { job: id }, result: o.ok ? 'ok' : 'failed', detail: { job: id } });
}

export const printHandlers = {
  'print.lotLabel': (ctx, input) => queuePrintJob(ctx, { document: 'lot-label', printerFor: 'lot-label', objectId: input.lotId, objectLabel: null, copies: input.copies, locale: input.locale }),
  'print.retry': (ctx, input) => {
    const db = ctx.station.db;
    const job = findPrintJob(db, input.jobId);
    if (!job) throw fail.notFound('errors.devices.unknownJob', {}, 'jobId');
    if (job.status !== 'failed') throw fail.rule('errors.devices.jobNotFailed', {}, 'jobId');
    if (!jobData.has(job.id)) {
      // The desk restarted since: the job is rebuilt from what the log says.
      const label = job.document === 'test' ? testLabel(ctx) : lotLabelData(ctx, job.objectId!);
      jobData.set(job.id, { printerFor: job.document === 'test' ? 'lot-label' : (job.document as (typeof PRINT_DOCUMENTS)[number]), label: { ...label, reprint: job.reprint } });
    }
    requeuePrintJob(db, job.id);
    ctx.auditDetail = { job: job.id, printer: job.printer, reprint: job.reprint };
    ctx.afterCommit(() => void sendPrintJob(ctx, job.id));
    return findPrintJob(db, job.id)!;
  },
  'print.job': (ctx, input) => {
    const job = findPrintJob(ctx.station.db, input.jobId);
    if (!job) throw fail.notFound('errors.devices.unknownJob', {}, 'jobId');
    return job;
  },
  'print.log': (ctx, input) => listPrintJobs(ctx.station.db, { objectId: input.objectId, limit: input.limit ?? 100 }),
} satisfies Partial<Handlers>;
