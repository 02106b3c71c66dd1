import type { Handlers } from './context';

export const auditHandlers = {
  'audit.recent': (ctx, input) =>
    ctx.station.db
      .prepare(
        `SELECT a.seq, a.at, u.display_name AS user, a.command, a.result FROM audit a
         LEFT JOIN users u ON u.id = a.user_id ORDER BY a.seq DESC LIMIT ?`,
      )
      .all(input.limit ?? 100) as { seq: number; at: string; user: string | null; command: string; result: string }[],
} satisfies Partial<Handlers>;
