/**
 * The desk's sync commands (issue 20): status for the header, connect/disconnect for the admin's
 * Central sync screen, a round now. They wait for the centre, so they run outside the dispatcher's
 * transaction (queries) and write their own audited transactions (src/sync/desk-sync.ts).
 */
import { requireUser, type Handlers } from '../kernel/context';
import { connect, disconnect, syncNow, syncStatus } from '../../sync/desk-sync';

export const syncHandlers = {
  'sync.status': (ctx) => syncStatus(ctx.station),
  'sync.connect': (ctx, input) => connect(ctx.station, requireUser(ctx).id, input),
  'sync.disconnect': (ctx) => disconnect(ctx.station, requireUser(ctx).id),
  'sync.now': (ctx) => syncNow(ctx.station),
} satisfies Partial<Handlers>;
