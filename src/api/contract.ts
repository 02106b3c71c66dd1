/**
 * The contract: every command and query of the station, once. Each entry names who may call it,
 * the runtime schema of its input and (as a type) its result. The HTTP transport, the Electron
 * IPC adapter and the renderer's client are all derived from this table.
 * Keep this file free of Node APIs: the renderer imports its types.
 */
import { z } from 'zod';
import type { Access } from '../domain/roles';
import type * as R from './results';
import { calendarDate, empty, id, quantity, text } from './schemas';
import { LOCALES } from '../i18n/locales';

export type Kind = 'command' | 'query';

export interface Entry<I extends z.ZodType = z.ZodType, Result = unknown, K extends Kind = Kind> {
  kind: K;
  access: Access;
  input: I;
  /** Phantom: carries the result type only. */
  result?: Result;
}

const entry =
  <Result>() =>
  <K extends Kind, I extends z.ZodType>(kind: K, access: Access, input: I): Entry<I, Result, K> => ({ kind, access, input });

const RECEIVERS = ['clerk', 'lead', 'manager'] as const;

export const contract = {
  'station.status': entry<R.StationStatus>()('query', 'public', empty),
  'station.loadDemo': entry<R.DemoLoaded>()('command', 'public', empty),

  'session.signIn': entry<R.SessionInfo>()(
    'command',
    'public',
    z.object({ username: text(64).min(1, { error: 'errors.validation.required' }), secret: z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(128) }).strict(),
  ),
  'session.signOut': entry<R.Done>()('command', 'signed-in', empty),
  'session.current': entry<R.SessionInfo | null>()('query', 'public', empty),
  'session.roster': entry<R.RosterEntry[]>()('query', 'public', empty),
  'session.setLocale': entry<R.Done>()('command', 'signed-in', z.object({ locale: z.enum(LOCALES, { error: 'errors.validation.locale' }) }).strict()),

  'catalog.items': entry<R.ItemView[]>()('query', 'signed-in', empty),
  'catalog.parties': entry<R.PartyView[]>()('query', 'signed-in', z.object({ kind: z.enum(['supplier', 'customer']) }).strict()),
  'catalog.locations': entry<R.LocationView[]>()('query', 'signed-in', empty),

  'purchaseOrders.open': entry<R.PurchaseOrderView[]>()('query', 'signed-in', empty),

  'scan.resolve': entry<R.ScanResolution>()(
    'query',
    'signed-in',
    z.object({ scan: z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(512), gsSubstitute: z.string().length(1).optional() }).strict(),
  ),

  'receiving.receive': entry<R.ReceiveResult>()(
    'command',
    RECEIVERS,
    z
      .object({
        receiptId: id('receiptId').optional(),
        poLineId: id('poLineId').optional(),
        itemId: id('itemId'),
        supplierId: id('supplierId').optional(),
        supplierLot: text(20).optional(),
        quantity,
        unit: text(16),
        productionDate: calendarDate.optional(),
        expiryDate: calendarDate.optional(),
        bestBeforeDate: calendarDate.optional(),
        locationId: id('locationId').optional(),
        /** The raw scan the fields came from, kept with the receipt for traceability. */
        scan: text(512).optional(),
      })
      .strict(),
  ),

  'stock.list': entry<R.StockRow[]>()(
    'query',
    'signed-in',
    z.object({ itemId: id('itemId').optional(), lotId: id('lotId').optional(), search: text(64).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  ),
  'lots.get': entry<R.LotDetail>()('query', 'signed-in', z.object({ lotId: id('lotId') }).strict()),
  'labels.lot': entry<R.PdfDocument>()(
    'query',
    'signed-in',
    z.object({ lotId: id('lotId'), locale: z.enum(LOCALES).optional() }).strict(),
  ),

  // ── Inventory control (issue 4: putaway, moves, counts, adjustments, split/merge/transform, stock views) ──

  // ── Outbound (issue 4: sales orders, allocation, picking, check/pack/ship) ──

  'admin.setLotPattern': entry<R.Done>()(
    'command',
    [],
    z
      .object({
        itemId: id('itemId').optional(),
        siteCode: text(16).optional(),
        /** null removes the item's own pattern (the site's applies again). */
        pattern: text(64).nullable(),
      })
      .strict(),
  ),

  'audit.recent': entry<R.AuditRow[]>()('query', ['manager'], z.object({ limit: z.number().int().min(1).max(500).optional() }).strict()),
} satisfies Record<string, Entry>;

export type Contract = typeof contract;
export type Name = keyof Contract;
export type Input<N extends Name> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends Name> = z.output<Contract[N]['input']>;
export type Result<N extends Name> = Exclude<Contract[N]['result'], undefined>;
export const NAMES = Object.keys(contract) as Name[];
