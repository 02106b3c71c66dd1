/**
 * Print jobs and the print log (issue 19). A job is recorded — who, what, which printer, its
 * reprint number — in the command's transaction with its audit record, and what the document
 * says is read there too; after the commit it is rendered (PDF, or for a lot or SSCC label ZPL at the
 * printer's dpi; "REPRINT n" when printed before) and sent to the printer chosen for its
 * document type. The outcome (printed, or failed with the device's typed error) is written when
 * the printer answers; a failed job is sent again unchanged by print.retry. The renderer polls
 * print.job.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { fail } from '../../domain/errors';
import { DeviceError } from '../../devices/errors';
import { coaDocument } from '../../documents/coa';
import { deliveryNoteDocument } from '../../documents/delivery-note';
import { renderLotLabelPdf } from '../../documents/label-pdf';
import { logisticLabelDocument } from '../../documents/logistic-label';
import { renderLogisticLabelZpl } from '../../documents/logistic-label-zpl';
import { renderLotLabelZpl } from '../../documents/lot-label-zpl';
import type { LotLabelData } from '../../documents/lot-label';
import { createPdfBuffer } from '../../documents/pdf';
import { recallReportDocument } from '../../documents/recall-report';
import { markReprint } from '../../documents/reprint-mark';
import { TEST_LABEL } from '../../documents/test-label';
import type { PrintDocument, PrintJobView } from '../../contract/results/devices';
import { PRINT_DOCUMENTS, type PrintTargetDocument } from '../../domain/print-documents';
import type { Locale } from '../../i18n/locales';
import { newId } from '../../store/ids';
import { countEarlierPrints, findPrintJob, finishPrintJob, insertPrintJob, listPrintJobs, requeuePrintJob } from '../../store/print-jobs';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { appendAudit } from '../kernel/audit-log';
import { lotLabelData } from '../inbound/lot-labels';
import { deliveryNoteData, logisticLabelData } from '../outbound/shipping-documents';
import { coaData } from '../qc/coa';
import { recallReportData } from '../recall/recall-pdf';
import { deviceRuntime } from './runtime';
import { loadDeviceSettings } from './settings';

/** A document as a job prints it, read when the job is made; rendered when it is sent. */
interface Printable {
  /** How people name what was printed: the lot code, the shipment number, the SSCC, the recall number. */
  label: string;
  pdf: () => Promise<Buffer>;
  /** Only labels drawn for thermal printers have a ZPL form (the lot and SSCC labels); the rest print as PDF only. */
  zpl?: (dotsPerMm: 8 | 12) => string;
}

interface BuildOptions {
  locale?: Locale;
  timeZone?: string;
  reprint: number;
}

function lotLabel(label: LotLabelData): Printable {
  return { label: label.lotCode, pdf: () => renderLotLabelPdf(label), zpl: (dotsPerMm) => renderLotLabelZpl(label, { dotsPerMm }) };
}

function pdfDocument(label: string, doc: TDocumentDefinitions, locale: Locale, reprint: number): Printable {
  const marked = markReprint(doc, locale, reprint);
  return { label, pdf: () => createPdfBuffer(marked) };
}

/** Each document type's printable, from its object's id; the same readers as the screen's queries. */
const PRINTABLES: Record<PrintDocument, (ctx: CallContext, objectId: string, o: BuildOptions) => Printable> = {
  // The label a printer test prints: a lot label of a lot that does not exist, marked as a test.
  test: (ctx) => lotLabel({ ...TEST_LABEL, locale: ctx.user?.locale ?? 'en', receivedAt: ctx.now.toISOString() }),
  'lot-label': (ctx, id, o) => lotLabel({ ...lotLabelData(ctx, id, o.locale), reprint: o.reprint }),
  'sscc-label': (ctx, id, o) => {
    const d = logisticLabelData(ctx, id, o.locale);
    return { ...pdfDocument(d.sscc, logisticLabelDocument(d), d.locale, o.reprint), zpl: (dotsPerMm) => renderLogisticLabelZpl(d, { dotsPerMm, reprint: o.reprint }) };
  },
  'delivery-note': (ctx, id, o) => {
    const d = deliveryNoteData(ctx, id, o.locale);
    return pdfDocument(d.shipmentNumber, deliveryNoteDocument(d), d.locale, o.reprint);
  },
  coa: (ctx, id, o) => {
    const d = coaData(ctx, id, o.locale, o.timeZone);
    return pdfDocument(d.coa.lot.code, coaDocument(d), d.locale, o.reprint);
  },
  'recall-report': (ctx, id, o) => {
    const d = recallReportData(ctx, id, o.locale);
    return pdfDocument(d.recall.number, recallReportDocument(d), d.locale, o.reprint);
  },
};

interface JobRequest {
  document: PrintDocument;
  /** The document type whose printer prints it (a test job names the one it tests). */
  printerFor: PrintTargetDocument;
  objectId: string | null;
  objectLabel: string | null;
  copies?: number;
  locale?: Locale;
  timeZone?: string;
}

const jobData = new Map<string, { printerFor: PrintTargetDocument; printable: Printable }>();

/** Records the job and sends it after the commit; the returned view is the queued job. */
export function queuePrintJob(ctx: CallContext, req: JobRequest): PrintJobView {
  const db = ctx.station.db;
  const settings = loadDeviceSettings(db);
  const target = settings.printers[req.printerFor];
  const set = target && target.kind !== 'none' ? target : null;
  if (!set && !settings.demo) throw fail.rule('errors.devices.noPrinter', { document: req.printerFor }, 'document');
  const reprint = req.objectId ? countEarlierPrints(db, req.document, req.objectId) : 0;
  const printable = PRINTABLES[req.document](ctx, req.objectId ?? '', { locale: req.locale, timeZone: req.timeZone, reprint });
  // A PDF-only document to a ZPL printer is refused here, before anything is written; the demo
  // printer (none set, demo mode) captures whichever form the document has.
  const format = set ? (set.kind === 'zpl-tcp' ? 'zpl' : set.format) : printable.zpl ? 'zpl' : 'pdf';
  if (format === 'zpl' && !printable.zpl) throw fail.rule('errors.devices.pdfOnly', { document: req.document }, 'document');
  const description = deviceRuntime(ctx.station).describe(set, format);
  const id = newId();
  insertPrintJob(db, {
    id,
    createdAt: ctx.now.toISOString(),
    userId: requireUser(ctx).id,
    stationId: ctx.station.stationId,
    document: req.document,
    objectId: req.objectId,
    objectLabel: req.objectLabel ?? printable.label,
    printer: description,
    format,
    copies: req.copies ?? set?.copies ?? 1,
    reprint,
  });
  jobData.set(id, { printerFor: req.printerFor, printable });
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
    const target = settings.printers[data.printerFor];
    const chosen = await deviceRuntime(ctx.station).printer(settings, target);
    if (!chosen) throw new DeviceError('printFailed', 'No printer is set', { reason: 'no printer' });
    // The job's format as recorded: the demo printer takes a PDF document's bytes as they are.
    const zpl = job.format === 'zpl' && data.printable.zpl;
    const bytes = zpl ? Buffer.from(data.printable.zpl!(chosen.dpi === 300 ? 12 : 8)) : await data.printable.pdf();
    const result = await chosen.printer.print({
      document: job.document,
      contentType: zpl ? 'application/zpl' : 'application/pdf',
      bytes,
      copies: job.copies,
      media: target?.kind === 'cups' ? target.media : undefined,
      title: `${job.document}-${job.objectLabel ?? ''}-${id}`,
    });
    db.transaction(() => outcome(ctx, id, at(), { ok: true, reference: result.reference })).immediate();
    // Only a failed job is sent again: a printed one's document (a recall report can be large) is let go.
    jobData.delete(id);
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

/** The printer a job of this type goes to; a test job names the document type it tested. */
function printerOf(job: PrintJobView): PrintTargetDocument {
  if (job.document !== 'test') return job.document;
  return (PRINT_DOCUMENTS as readonly string[]).includes(job.objectLabel ?? '') ? (job.objectLabel as PrintTargetDocument) : 'lot-label';
}

export const printHandlers = {
  'print.lotLabel': (ctx, input) => queuePrintJob(ctx, { document: 'lot-label', printerFor: 'lot-label', objectId: input.lotId, objectLabel: null, copies: input.copies, locale: input.locale }),
  'print.ssccLabel': (ctx, input) => queuePrintJob(ctx, { document: 'sscc-label', printerFor: 'sscc-label', objectId: input.packageId, objectLabel: null, copies: input.copies, locale: input.locale }),
  'print.deliveryNote': (ctx, input) => queuePrintJob(ctx, { document: 'delivery-note', printerFor: 'delivery-note', objectId: input.shipmentId, objectLabel: null, copies: input.copies, locale: input.locale }),
  'print.coa': (ctx, input) => queuePrintJob(ctx, { document: 'coa', printerFor: 'coa', objectId: input.lotId, objectLabel: null, copies: input.copies, locale: input.locale, timeZone: input.timeZone }),
  'print.recallReport': (ctx, input) => queuePrintJob(ctx, { document: 'recall-report', printerFor: 'recall-report', objectId: input.recallId, objectLabel: null, copies: input.copies, locale: input.locale }),
  'print.retry': (ctx, input) => {
    const db = ctx.station.db;
    const job = findPrintJob(db, input.jobId);
    if (!job) throw fail.notFound('errors.devices.unknownJob', {}, 'jobId');
    if (job.status !== 'failed') throw fail.rule('errors.devices.jobNotFailed', {}, 'jobId');
    if (!jobData.has(job.id)) {
      // The desk restarted since: the job is rebuilt from what the log says.
      jobData.set(job.id, { printerFor: printerOf(job), printable: PRINTABLES[job.document](ctx, job.objectId ?? '', { reprint: job.reprint }) });
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
