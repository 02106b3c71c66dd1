import type { AuditRow } from '../../contract/results';
import type { Handlers } from '../kernel/context';

export const auditHandlers = {
  'audit.recent': (ctx, input) =>
    (
      ctx.station.db
        .prepare(
          `SELECT a.seq, a.at, u.display_name AS user, a.command, a.result, a.detail FROM audit a
           LEFT JOIN users u ON u.id = a.user_id ORDER BY a.seq DESC LIMIT ?`,
        )
        .all(input.limit ?? 100) as (Omit<AuditRow, 'detail'> & { detail: string | null })[]
    ).map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as AuditRow['detail']) })),
} satisfies Partial<Handlers>;
