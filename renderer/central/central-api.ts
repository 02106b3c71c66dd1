/**
 * The renderer's client of the centre's own API (/central/v1/*, docs/SYNC-PROTOCOL.md), used when
 * the renderer is served by `lotdesk central` (renderer/central/mode.ts). The centre answers errors
 * as `{ error: { code, key, params } }` with i18n keys (errors.sync.*): the same shape as the desk's
 * typed errors, so screens show them with errorText. The session is the centre's HttpOnly cookie.
 */
import type { ChainVerification } from '../../src/domain/central-audit-chain';
import type { ErrorData } from '../../src/domain/errors';
import type { LotStatus } from '../../src/domain/lot-status';

export const CENTRAL_PREFIX = '/central/v1';

export type CentralRole = 'admin' | 'manager';
export interface CentralMe {
  username: string;
  role: CentralRole;
  centreId: string;
}
export interface CentralSite {
  code: string;
  name: string;
}
export interface CentralStockRow {
  lotId: string;
  lotCode: string | null;
  itemId: string | null;
  sku: string | null;
  itemName: string | null;
  unit: string | null;
  locationId: string;
  locationCode: string | null;
  status: LotStatus | null;
  expiryDate: string | null;
  /** Thousandths of the unit, summed over the site's desks. */
  quantity: number;
  byStation: { stationId: string; quantity: number }[];
}
export interface CentralLotRow {
  lotId: string;
  code: string | null;
  itemId: string | null;
  sku: string | null;
  itemName: string | null;
  unit: string | null;
  expiryDate: string | null;
  stationId: string;
  status: LotStatus | null;
  centralStatus: 'on_hold' | 'recalled' | 'released' | null;
  reason: string | null;
  quantity: number;
}
export interface CentralException {
  id: string;
  /** order_refused: a desk did not apply an ERP order version (detail: the ERP's refusal event, src/server/erp/feed.ts). */
  kind: 'negative_stock' | 'moved_recalled' | 'order_refused';
  eventId: string;
  stationId: string;
  siteCode: string;
  lotId: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
  resolvedAt: string | null;
  /** DESK_RETRY_RESOLVER (src/domain/system-actors.ts): an order_refused closed because the desk applied that version later. */
  resolvedBy: string | null;
  resolution: string | null;
}
export interface CentralTraceLot {
  lotId: string;
  code: string | null;
  siteCode: string | null;
  status: LotStatus | null;
  itemId: string | null;
  sku: string | null;
  itemName: string | null;
  reason: string | null;
}
/** A lot shipped from one site and received at another, by SSCC or as the same GS1 lot (src/server/central-trace.ts). */
export interface CentralCrossing {
  fromLotId: string;
  fromCode: string;
  fromSite: string;
  toLotId: string;
  toCode: string;
  toSite: string;
  /** How it was recognised: the SSCC A shipped and B received under, or (none known) the GS1 batch. */
  match: 'sscc' | 'batch';
  sscc: string | null;
}
export interface CentralTrace {
  lotId: string;
  lot: CentralTraceLot | null;
  ancestors: CentralTraceLot[];
  descendants: CentralTraceLot[];
  shipments: { shipmentId: string; lotId: string; siteCode: string; orderId: string | null; shippedAt: string | null; customer: string | null }[];
  crossings: CentralCrossing[];
  /** Lots reached at sites this user may not see. */
  hidden: number;
}
export interface CentralUser {
  username: string;
  role: CentralRole;
  /** The sites a manager sees; null: every site. */
  sites: string[] | null;
  disabled: boolean;
  createdAt: string;
}
export interface CentralStation {
  id: string;
  siteCode: string;
  name: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  watermark: number;
}

export class CentralError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.key);
  }
}

const NETWORK: ErrorData = { code: 'internal', key: 'ui.error.network', params: {} };

let onSignedOut: ((error: ErrorData) => void) | null = null;
/** Called when any call answers that the central session is over. */
export function onCentralSignedOut(handler: (error: ErrorData) => void): void {
  onSignedOut = handler;
}

async function send<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(CENTRAL_PREFIX + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new CentralError(NETWORK);
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    /* an empty or broken answer */
  }
  if (res.ok) return json as T;
  const e = (json as { error?: { code?: string; key?: string; params?: Record<string, string | number> } } | null)?.error;
  const data: ErrorData = e?.key
    ? { code: res.status === 401 ? 'unauthenticated' : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : 'validation', key: e.key, params: e.params ?? {} }
    : { code: 'internal', key: 'errors.internal', params: {} };
  if (res.status === 401 && path !== '/sign-in' && path !== '/me') onSignedOut?.(data);
  throw new CentralError(data);
}

/** One row of the centre's audit of admin actions (src/server/central-audit.ts). */
export interface CentralAuditRow {
  id: string;
  at: string;
  username: string;
  action: string;
  object: string;
  objectId: string;
  before: unknown;
  after: unknown;
}
export interface CentralAuditFilter {
  action?: string;
  user?: string;
  /** UTC days, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  /** The `next` of the page before: rows older than it. */
  before?: string;
}

/** A QC plan authored at the centre: its body is `qc.plans.save`'s input (centralQcPlanBody), `retired` the centre's mark. */
export interface CentralQcPlan {
  key: string;
  /** null: every site's desks pull it. */
  siteCode: string | null;
  body: Record<string, unknown> & { itemId?: string; retired?: boolean };
  /** How many times it was published. */
  version: number;
  updatedAt: string;
}
/** A central item document (master data the desks pull), for naming a plan's item. */
export interface CentralItemDoc {
  key: string;
  body: { sku?: string; name?: string };
}

export const centralApi = {
  me: () => send<CentralMe>('GET', '/me'),
  signIn: (username: string, password: string) => send<CentralMe>('POST', '/sign-in', { username, password }),
  signOut: () => send<{ ok: true }>('POST', '/sign-out', {}),
  sites: () => send<CentralSite[]>('GET', '/sites'),
  stock: (site: string) => send<CentralStockRow[]>('GET', `/sites/${encodeURIComponent(site)}/stock`),
  lots: (site: string) => send<CentralLotRow[]>('GET', `/sites/${encodeURIComponent(site)}/lots`),
  exceptions: (site: string, open: boolean) => send<CentralException[]>('GET', `/exceptions?site=${encodeURIComponent(site)}${open ? '&open=1' : ''}`),
  resolve: (id: string, resolution: string) => send<{ id: string; resolved: true }>('POST', `/exceptions/${encodeURIComponent(id)}/resolve`, { resolution }),
  trace: (lotId: string) => send<CentralTrace>('GET', `/trace/${encodeURIComponent(lotId)}`),
  users: () => send<CentralUser[]>('GET', '/central-users'),
  createUser: (user: { username: string; password: string; role: CentralRole; sites: string[] | null }) => send<CentralUser>('POST', '/central-users', user),
  updateUser: (username: string, change: { role?: CentralRole; disabled?: boolean; sites?: string[] | null }) =>
    send<CentralUser>('POST', `/central-users/${encodeURIComponent(username)}`, change),
  resetPassword: (username: string, password: string) => send<{ username: string; reset: true }>('POST', `/central-users/${encodeURIComponent(username)}/password`, { password }),
  stations: () => send<CentralStation[]>('GET', '/stations'),
  revokeStation: (id: string) => send<{ id: string; revoked: true }>('POST', `/stations/${encodeURIComponent(id)}/revoke`, {}),
  enrolmentCode: (siteCode: string) => send<{ code: string; siteCode: string; expiresAt: string }>('POST', '/enrolment-codes', { siteCode }),
  audit: (filter: CentralAuditFilter) => {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
    return send<{ items: CentralAuditRow[]; next: string | null }>('GET', `/audit${query ? `?${query}` : ''}`);
  },
  verifyAudit: () => send<ChainVerification>('GET', '/audit/verify'),
  qcPlans: () => send<CentralQcPlan[]>('GET', '/qc-plans'),
  publishQcPlan: (key: string, body: Record<string, unknown>, siteCode: string | null) => send<{ kind: 'qc_plan'; key: string }>('PUT', `/qc-plans/${encodeURIComponent(key)}`, { body, siteCode }),
  retireQcPlan: (key: string) => send<{ kind: 'qc_plan'; key: string; retired: true }>('POST', `/qc-plans/${encodeURIComponent(key)}/retire`, {}),
  items: () => send<CentralItemDoc[]>('GET', '/items'),
  setLotStatus: (lotId: string, status: 'on_hold' | 'recalled' | 'released', reason: string) =>
    send<{ lotId: string; status: string; reason: string | null }>('POST', `/lots/${encodeURIComponent(lotId)}/status`, { status, reason }),
};

/** The typed error of a failed central call; anything unexpected becomes the generic internal error. */
export function centralErrorData(err: unknown): ErrorData {
  if (err instanceof CentralError) return err.data;
  console.warn('lotdesk: unexpected central error', err);
  return { code: 'internal', key: 'errors.internal', params: {} };
}
