/**
 * What the centre authors: master data (whole jsonb documents per kind and key) and lot status
 * (hold, recall, release; authoritative centrally). Each write is one transaction with its
 * change row and NOTIFY, so a desk sees it on its next pull and is nudged at commit.
 */
import { SyncError } from '../sync-protocol/errors';
import type { ChangeKind, LotStatusBody, SnapshotResponse } from '../sync-protocol/messages';
import type { StationPrincipal } from './auth';
import { safeCursor, writeChange } from './changes';
import type { Db } from './pg';
import { recordAudit } from './central-audit';

export type MasterKind = Exclude<ChangeKind, 'lot_status'>;

/** The mark of a central QC plan retired (its document kept, so a desk resyncing from a snapshot retires it too). */
export const RETIRED = 'retired';

export async function upsertMaster(db: Db, centreId: string, kind: MasterKind, key: string, body: Record<string, unknown>, siteCode: string | null, by: string): Promise<void> {
  // A plan published again (even as it was) is in use again: the mark is the centre's, never the author's.
  const doc: Record<string, unknown> = { ...body, id: key };
  if (kind === 'qc_plan') delete doc[RETIRED];
  await db.transaction(async (tx) => {
    if (siteCode) {
      const site = await tx.query('SELECT 1 FROM sites WHERE code = $1', [siteCode]);
      if (site.rowCount === 0) throw new SyncError('notFound', { what: 'site', id: siteCode });
    }
    const before = await tx.query<{ site_code: string | null; body: unknown }>('SELECT site_code, body FROM master_docs WHERE kind = $1 AND key = $2 FOR UPDATE', [kind, key]);
    await tx.query(
      `INSERT INTO master_docs (kind, key, site_code, body) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (kind, key) DO UPDATE SET site_code = EXCLUDED.site_code, body = EXCLUDED.body, updated_at = now()`,
      [kind, key, siteCode, JSON.stringify(doc)],
    );
    await writeChange(tx, centreId, { kind, key, siteCode, body: doc });
    const was = before.rows[0];
    await recordAudit(tx, {
      by,
      action: kind === 'qc_plan' ? 'qc_plan_published' : 'master_saved',
      object: kind,
      objectId: key,
      before: was ? { siteCode: was.site_code, body: was.body } : null,
      after: { siteCode, body: doc },
    });
  });
}

export async function deleteMaster(db: Db, centreId: string, kind: MasterKind, key: string, by: string): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await tx.query<{ site_code: string | null; body: unknown }>('DELETE FROM master_docs WHERE kind = $1 AND key = $2 RETURNING site_code, body', [kind, key]);
    if (gone.rowCount === 0) throw new SyncError('notFound', { what: kind, id: key });
    await writeChange(tx, centreId, { kind, key, siteCode: gone.rows[0].site_code, body: null });
    await recordAudit(tx, { by, action: 'master_deleted', object: kind, objectId: key, before: { siteCode: gone.rows[0].site_code, body: gone.rows[0].body }, after: null });
  });
}

/**
 * Retire a central QC plan: its document stays, marked `retired: true`, and the change carries
 * that document, so every desk of its scope (on its next pull, or from a snapshot) retires the
 * plan version it made of it — no new inspections from it; inspections made stay as they are.
 * Publishing the plan again (PUT) takes the mark off and the desks make a new version.
 */
export async function retireQcPlan(db: Db, centreId: string, key: string, by: string): Promise<void> {
  await db.transaction(async (tx) => {
    const found = await tx.query<{ site_code: string | null; body: Record<string, unknown> }>("SELECT site_code, body FROM master_docs WHERE kind = 'qc_plan' AND key = $1 FOR UPDATE", [key]);
    const plan = found.rows[0];
    if (!plan) throw new SyncError('notFound', { what: 'qc_plan', id: key });
    if (plan.body[RETIRED] === true) throw new SyncError('qcPlanRetired', { id: key });
    const doc = { ...plan.body, [RETIRED]: true };
    await tx.query("UPDATE master_docs SET body = $2::jsonb, updated_at = now() WHERE kind = 'qc_plan' AND key = $1", [key, JSON.stringify(doc)]);
    await writeChange(tx, centreId, { kind: 'qc_plan', key, siteCode: plan.site_code, body: doc });
    await recordAudit(tx, { by, action: 'qc_plan_retired', object: 'qc_plan', objectId: key, before: { siteCode: plan.site_code, retired: false }, after: { retired: true } });
  });
}

/**
 * The central QC plans with their version: how many times each was published (its audit rows; the
 * desks make one plan version of each publication whose rules changed) and when it last changed.
 */
export async function listQcPlans(db: Db): Promise<{ key: string; siteCode: string | null; body: Record<string, unknown>; version: number; updatedAt: string }[]> {
  const { rows } = await db.query<{ key: string; siteCode: string | null; body: Record<string, unknown>; version: string; updatedAt: string }>(
    `SELECT m.key, m.site_code AS "siteCode", m.body, m.updated_at AS "updatedAt",
       GREATEST(1, (SELECT count(*) FROM central_audit a WHERE a.action = 'qc_plan_published' AND a.object = 'qc_plan' AND a.object_id = m.key))::text AS version
     FROM master_docs m WHERE m.kind = 'qc_plan' ORDER BY m.key`,
  );
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

/** Hold, recall or release a lot centrally: every desk enforces it on its next pull. */
export async function setLotStatus(db: Db, centreId: string, lotId: string, status: LotStatusBody['status'], reason: string | null, by: string): Promise<LotStatusBody> {
  return db.transaction(async (tx) => {
    const was = await tx.query<{ central_status: string | null; central_reason: string | null; site_code: string }>(
      'SELECT central_status, central_reason, site_code FROM central_lots WHERE lot_id = $1 FOR UPDATE',
      [lotId],
    );
    const lot = await tx.query('UPDATE central_lots SET central_status = $2, central_reason = $3, central_at = now(), updated_at = now() WHERE lot_id = $1', [lotId, status, reason]);
    if (lot.rowCount === 0) throw new SyncError('notFound', { what: 'lot', id: lotId });
    await recordAudit(tx, {
      by,
      action: 'lot_status_set',
      object: 'lot',
      objectId: lotId,
      before: { status: was.rows[0].central_status, reason: was.rows[0].central_reason, siteCode: was.rows[0].site_code },
      after: { status, reason },
    });
    await tx.query('INSERT INTO lot_status_history (lot_id, status, reason, by_user) VALUES ($1, $2, $3, $4)', [lotId, status, reason, by]);
    const body: LotStatusBody = { lotId, status, reason };
    // A recall is company-wide: every site's desks get it (a lot may have moved between sites).
    await writeChange(tx, centreId, { kind: 'lot_status', key: lotId, siteCode: null, body });
    return body;
  });
}

const SECTIONS = [
  ['items', 'item'],
  ['parties', 'party'],
  ['locations', 'location'],
  ['users', 'user'],
  ['boms', 'bom'],
  ['qcPlans', 'qc_plan'],
  ['lotStatus', 'lot_status'],
  // After lot status, so the `after` of a snapshot begun before these were added still names its section.
  ['purchaseOrders', 'purchase_order'],
  ['salesOrders', 'sales_order'],
] as const;
type Section = (typeof SECTIONS)[number][0];

interface After {
  c: string;
  s: number;
  k: string;
}

const encodeAfter = (a: After) => Buffer.from(JSON.stringify(a)).toString('base64url');
function decodeAfter(text: string): After {
  try {
    const a = JSON.parse(Buffer.from(text, 'base64url').toString()) as After;
    if (typeof a.c === 'string' && Number.isInteger(a.s) && typeof a.k === 'string') return a;
  } catch {
    // fall through
  }
  throw new SyncError('malformed', { seq: '', detail: 'after' });
}

/**
 * A page of everything a station's site sees, in key order section after section. Every page
 * carries the cursor taken on the first page: the desk pulls from it after the last page.
 */
export async function readSnapshot(db: Db, centreId: string, station: StationPrincipal, afterText: string | undefined, pageSize = 5000): Promise<SnapshotResponse> {
  const after = afterText ? decodeAfter(afterText) : { c: await safeCursor(db, centreId), s: 0, k: '' };
  const out: SnapshotResponse = { centreId, cursor: after.c, items: [], parties: [], locations: [], users: [], boms: [], qcPlans: [], lotStatus: [], purchaseOrders: [], salesOrders: [], after: null };
  let room = pageSize;
  for (let s = after.s; s < SECTIONS.length && room > 0; s++) {
    const [section, kind] = SECTIONS[s];
    const from = s === after.s ? after.k : '';
    let keys: string[];
    if (kind === 'lot_status') {
      const { rows } = await db.query<{ lot_id: string; central_status: LotStatusBody['status']; central_reason: string | null }>(
        'SELECT lot_id, central_status, central_reason FROM central_lots WHERE central_status IS NOT NULL AND lot_id > $1 ORDER BY lot_id LIMIT $2',
        [from, room + 1],
      );
      const page = rows.slice(0, room);
      out.lotStatus = page.map((r) => ({ lotId: r.lot_id, status: r.central_status, reason: r.central_reason }));
      keys = page.map((r) => r.lot_id);
      if (rows.length > room) return { ...out, after: encodeAfter({ c: after.c, s, k: keys.at(-1) as string }) };
    } else {
      const { rows } = await db.query<{ key: string; body: Record<string, unknown> }>(
        'SELECT key, body FROM master_docs WHERE kind = $1 AND key > $2 AND (site_code IS NULL OR site_code = $3) ORDER BY key LIMIT $4',
        [kind, from, station.siteCode, room + 1],
      );
      const page = rows.slice(0, room);
      out[section as Exclude<Section, 'lotStatus'>] = page;
      keys = page.map((r) => r.key);
      if (rows.length > room) return { ...out, after: encodeAfter({ c: after.c, s, k: keys.at(-1) as string }) };
    }
    room -= keys.length;
    if (room === 0 && s + 1 < SECTIONS.length) return { ...out, after: encodeAfter({ c: after.c, s: s + 1, k: '' }) };
  }
  return out;
}
