/** `recall.pdf`: the recall report as PDF bytes (base64), in the asked language or the reader's. */
import { renderRecallReportPdf } from '../../documents/recall-report';
import type { Handlers } from '../kernel/context';
import { recallDetail, requireRecall } from './recall-detail';

export const recallPdfHandlers = {
  'recall.pdf': async (ctx, input) => {
    const recall = recallDetail(ctx.station.db, requireRecall(ctx, input.recallId), ctx.today);
    const pdf = await renderRecallReportPdf({ locale: input.locale ?? ctx.user?.locale ?? 'en', recall, site: ctx.station.site() ?? '', generatedAt: ctx.now.toISOString() });
    return { fileName: `recall-${recall.number}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
