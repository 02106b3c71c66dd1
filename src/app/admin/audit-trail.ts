/** The Audit screen's queries (issue 15): a filtered page of the trail with each record's changes, and the chain check. SQL in src/store/audit.ts. */
import type { AuditChangeView, AuditRow } from '../../contract/results';
import { AUDIT_PAGE } from '../../contract/pages';
import { recentAudit, searchAudit, type AuditRecordRow } from '../../store/audit';
import type { Handlers } from '../kernel/context';
import { verifyStation } from '../kernel/audit-log';
import { checkpointText, writeCheckpoint } from '../kernel/checkpoints';
import { renderCheckpointPdf } from '../../documents/audit-checkpoint';
import { DEFAULT_LOCALE } from '../../i18n/locales';
import { AppError } from '../../domain/errors';

function toAuditRow(r: AuditRecordRow): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    userId: r.userId,
    user: r.user,
    command: r.command,
    result: r.result,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as AuditRow['detail']),
    changes: r.changes === null ? null : (JSON.parse(r.changes) as AuditChangeView[]),
  };
}

export const auditHandlers = {
  'audit.recent': (ctx, input) => recentAudit(ctx.station.db, input.limit ?? 100).map(toAuditRow),
  'audit.search': (ctx, input) => {
    const limit = input.limit ?? AUDIT_PAGE;
    // One more than the page: whether an older page exists, without a count over the trail.
    const rows = searchAudit(ctx.station.db, {
      userId: input.userId,
      command: input.command,
      from: input.from,
      to: input.to,
      object: input.object,
      objectLabel: input.label,
      objectId: input.objectId,
      result: input.result,
      before: input.before,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit).map(toAuditRow);
    return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1].seq : null };
  },
  'audit.verify': (ctx) => {
    const v = verifyStation(ctx.station.db, { nativeBinding: ctx.station.nativeBinding });
    return {
      records: v.records,
      problems: v.problems.map(({ seq, problem, table, key, expected }) => ({ seq, problem, ...(table ? { table, key } : {}), ...(expected ? { expected } : {}) })),
      more: v.more ?? 0,
      keyed: v.keyed ?? false,
      facts: v.facts ?? 0,
      checkpoint: v.checkpoint ?? null,
    };
  },
  'audit.checkpoint': (ctx) => {
    const c = writeCheckpoint(ctx.station.db, ctx.now);
    if (!c) throw new AppError('rule', 'errors.audit.noCheckpoint');
    return { seq: c.seq, hash: c.hash, at: c.at, fingerprint: c.fingerprint, text: checkpointText(c, ctx.user?.locale ?? DEFAULT_LOCALE) };
  },
  'audit.checkpointPdf': async (ctx, input) => {
    const c = writeCheckpoint(ctx.station.db, ctx.now);
    if (!c) throw new AppError('rule', 'errors.audit.noCheckpoint');
    const pdf = await renderCheckpointPdf({ locale: input.locale ?? ctx.user?.locale ?? DEFAULT_LOCALE, checkpoint: c, site: ctx.station.site() ?? '', printedBy: ctx.user?.displayName ?? '' });
    return { fileName: `lotdesk-checkpoint-${c.seq}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
