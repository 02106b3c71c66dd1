/** `recall.pdf`: the recall report as PDF bytes (base64), in the asked language or the reader's. */
import { renderRecallReportPdf, type RecallReportData } from '../../documents/recall-report';
import type { Locale } from '../../i18n/locales';
import type { CallContext, Handlers } from '../kernel/context';
import { recallDetail, requireRecall } from './recall-detail';

/** What the recall's report prints (for the screen and for a print job, src/app/devices/print-jobs.ts). */
export function recallReportData(ctx: CallContext, recallId: string, locale?: Locale): RecallReportData {
  const recall = recallDetail(ctx.station.db, requireRecall(ctx, recallId), ctx.today);
  return { locale: locale ?? ctx.user?.locale ?? 'en', recall, site: ctx.station.site() ?? '', generatedAt: ctx.now.toISOString() };
}

export const recallPdfHandlers = {
  'recall.pdf': async (ctx, input) => {
    const data = recallReportData(ctx, input.recallId, input.locale);
    const pdf = await renderRecallReportPdf(data);
    return { fileName: `recall-${data.recall.number}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
