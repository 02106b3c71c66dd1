/**
 * A real desk station against a real centre (buildCentral on PGlite, over HTTP): a receipt at the
 * desk reaches the centre's central_stock; a central recall through the admin API reaches the desk,
 * whose picking.scan then refuses the lot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import type { Db } from '../../src/server/pg';
import { buildElementString } from '../../src/domain/gs1/encode';
import { createCentralDb, type TestCentralDb } from '../support/central';
import { openTestDesk, errorOf, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';

const ADMIN = { username: 'boss', password: 'central-pass-1' };

let tdb: TestCentralDb;
let db: Db;
let app: FastifyInstance;
let url: string;
let cookie: string;
let desk: TestDesk;

beforeEach(async () => {
  tdb = await createCentralDb('pglite');
  db = await tdb.open();
  app = buildCentral({ db, admin: ADMIN });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const signIn = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: ADMIN });
  cookie = String(signIn.headers['set-cookie']).split(';')[0];
  desk = await openTestDesk();
});
afterEach(async () => {
  desk?.close();
  await app?.close();
  await db?.close();
  await tdb?.drop();
});

const adminCall = async (url: string, payload: object) => {
  const res = await app.inject({ method: 'POST', url, payload, headers: { cookie } });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Record<string, string>;
};

describe('a real desk and a real centre', () => {
  it('a receipt reaches central_stock; a central recall makes the desk refuse the lot at the scan', { timeout: 60_000 }, async () => {
    const admin = await desk.signedIn('admin', 'admin1234');
    const { code } = await adminCall('/central/v1/enrolment-codes', { siteCode: 'WH1' });
    expect((await admin.call('sync.connect', { centreUrl: url, code })).mode).toBe('connected');

    const [lot] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
    expect(await admin.call('sync.now')).toMatchObject({ online: true, eventsWaiting: 0, lastError: null });
    const stock = (await db.query('SELECT lot_id, quantity::int AS quantity FROM central_stock WHERE lot_id = $1 AND quantity <> 0', [lot.id])).rows;
    // The centre holds the desk's own stock figure (the desk's integer quantity unit).
    const deskQty = desk.db.prepare("SELECT SUM(quantity) FROM movements WHERE lot_id = ? AND kind = 'receive'").pluck().get(lot.id) as number;
    expect(deskQty).toBeGreaterThan(0);
    expect(stock).toEqual([{ lot_id: lot.id, quantity: deskQty }]);

    const lead = await desk.signedIn('lead', '3333');
    const clerk = await desk.signedIn('clerk', '1111');
    const cat = await catalog(lead);
    const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SHM').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 2, lotId: lot.id }] });
    await lead.call('allocation.allocate', { orderId: order.id });

    await adminCall(`/central/v1/lots/${encodeURIComponent(lot.id)}/status`, { status: 'recalled', reason: 'central recall' });
    await admin.call('sync.now');
    const scan = `]C1${buildElementString({ gtin: cat.item('TEA-250').gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;
    expect(await errorOf(clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan, quantity: 1 }))).toMatchObject({
      key: 'errors.lot.statusForbids',
      params: expect.objectContaining({ status: 'recalled' }),
    });
  });
});
