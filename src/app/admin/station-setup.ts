/** First start: the station reports it is empty and is set up for real or loaded with the demo data set. */
import { AppError } from '../../domain/errors';
import type { Handlers } from '../kernel/context';
import { DEMO_USERS, isEmptyStation, writeDemoData } from '../demo/demo-data';
import { VERSION } from '../kernel/station';
import { getSetting, setSetting } from '../kernel/settings';
import { insertSite } from '../master-data/inserts';
import { createUser } from '../people/users';
import { noteChanges } from '../kernel/audit-changes';

export const stationHandlers = {
  'station.status': (ctx) => ({
    stationId: ctx.station.stationId,
    site: ctx.station.site(),
    stationName: getSetting(ctx.station.db, 'station.name'),
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
  /** A real first day: the site, its GLN and GS1 company prefix, the station's name and the first admin. Public only while empty. */
  'station.setup': (ctx, input) => {
    const db = ctx.station.db;
    if (!isEmptyStation(db)) throw new AppError('forbidden', 'errors.station.alreadySetUp');
    insertSite(db, input.siteCode, input.siteName, null, input.gln);
    setSetting(db, 'station.site', input.siteCode);
    setSetting(db, 'station.name', input.stationName);
    setSetting(db, 'gs1.companyPrefix', input.companyPrefix);
    const adminId = createUser(db, { ...input.admin, role: 'admin', secretKind: 'password' }, ctx.now.toISOString());
    // The record is the admin's own: the trail starts with who set the station up.
    ctx.actorId = adminId;
    noteChanges(ctx, { object: 'site', id: input.siteCode, label: input.siteCode }, null, { code: input.siteCode, name: input.siteName, gln: input.gln });
    noteChanges(ctx, { object: 'setting', id: 'station.name', label: 'station.name' }, null, { value: input.stationName });
    noteChanges(ctx, { object: 'setting', id: 'gs1.companyPrefix', label: 'gs1.companyPrefix' }, null, { value: input.companyPrefix });
    noteChanges(ctx, { object: 'user', id: adminId, label: input.admin.username }, null, {
      username: input.admin.username,
      displayName: input.admin.displayName,
      role: 'admin',
      secretKind: 'password',
      active: true,
    });
    return { done: true };
  },
} satisfies Partial<Handlers>;
