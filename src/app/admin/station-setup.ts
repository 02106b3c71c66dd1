/** First start: the station reports it is empty and can load the demo data set. */
import { AppError } from '../../domain/errors';
import type { Handlers } from '../kernel/context';
import { DEMO_USERS, isEmptyStation, writeDemoData } from '../demo/demo-data';
import { VERSION } from '../kernel/station';

export const stationHandlers = {
  'station.status': (ctx) => ({
    stationId: ctx.station.stationId,
    site: ctx.station.site(),
    needsSetup: isEmptyStation(ctx.station.db),
    idleMinutes: ctx.station.idleMinutes(),
    version: VERSION,
  }),
  'station.loadDemo': (ctx) => {
    // Public only while the station is empty: afterwards it would let anyone add users.
    if (!isEmptyStation(ctx.station.db)) throw new AppError('forbidden', 'errors.station.notEmpty');
    writeDemoData(ctx.station.db, ctx.now.toISOString());
    return { users: DEMO_USERS.map((u) => ({ username: u.username, role: u.role, secret: u.secret })) };
  },
} satisfies Partial<Handlers>;
