/**
 * The contract: every command and query of the station, once. Each entry names who may call it,
 * the runtime schema of its input and (as a type) its result. The HTTP transport, the Electron
 * IPC adapter and the renderer's client are all derived from this table.
 * Keep this file free of Node APIs: the renderer imports its types.
 */
import { z } from 'zod';
import type { Access } from '../domain/roles';
import type * as R from './results';
import { calendarDate, empty, id, quantity, text, wholeNumber } from './schemas';
import { LOCALES } from '../i18n/locales';
import { ROLES } from '../domain/roles';
import { hasValidCheckDigit } from '../domain/gs1/check-digit';
import { ADJUSTMENT_REASONS } from '../domain/adjustments';
import { NEAR_EXPIRY_PAGE_MAX, ORDERS_PAGE_MAX, STOCK_PAGE_MAX } from './pages';

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
const STOCK_KEEPERS = ['clerk', 'lead', 'manager'] as const;
const LEADS = ['lead', 'manager'] as const;
/** Who may trace a lot both ways (issue 16): the warehouse lead and the manager. */
const TRACERS = LEADS;

/** A quantity taken from one lot in one bin (split, merge, transformation, move). */
const lotInBin = z.object({ lotId: id('lotId'), fromLocationId: id('fromLocationId'), quantity }).strict();
const scanInput = z.object({ scan: z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(512), gsSubstitute: z.string().length(1).optional() }).strict();

// Outbound schemas.
const orderInput = z
  .object({
    customerId: id('customerId'),
    /** The customer's own order number. */
    reference: text(35).optional(),
    lines: z
      .array(z.object({ itemId: id('itemId'), quantity, requestedDate: calendarDate.optional(), lotId: id('lotId').optional() }).strict())
      .min(1, { error: 'errors.orders.noLines' })
      .max(500),
  })
  .strict();
const orderRef = z.object({ orderId: id('orderId') }).strict();
/** A lead's approval typed at the picker's scanner: verified in the core, never trusted from the UI. */
const leadOverride = z
  .object({
    username: text(64).min(1, { error: 'errors.validation.required' }),
    pin: z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(128),
    reason: text(200).min(3, { error: 'errors.picking.overrideReason' }),
  })
  .strict();

// People and setup schemas.
const username = text(64)
  .min(1, { error: 'errors.validation.required' })
  .regex(/^[\p{L}\p{N}._-]+$/u, { error: 'errors.users.badUsername' });
const displayName = text(80).min(1, { error: 'errors.validation.required' });
const role = z.enum(ROLES, { error: 'errors.users.badRole' });
const secretKind = z.enum(['pin', 'password'], { error: 'errors.users.badSecretKind' });
/** Checked for its kind (PIN 4–8 digits, password 8–128) by the core (people/secret-hash.ts). */
const secret = z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(128);
const setupInput = z
  .object({
    siteCode: text(16).regex(/^[A-Z0-9][A-Z0-9-]*$/, { error: 'errors.setup.badSiteCode' }),
    siteName: text(80).min(1, { error: 'errors.validation.required' }),
    gln: z.string({ error: 'errors.setup.badGln' }).regex(/^\d{13}$/, { error: 'errors.setup.badGln' }).refine(hasValidCheckDigit, { error: 'errors.setup.glnCheckDigit' }),
    companyPrefix: z.string({ error: 'errors.setup.badCompanyPrefix' }).regex(/^\d{6,12}$/, { error: 'errors.setup.badCompanyPrefix' }),
    stationName: text(80).min(1, { error: 'errors.validation.required' }),
    admin: z
      .object({
        username,
        displayName,
        secret: z.string({ error: 'errors.validation.required' }).min(8, { error: 'errors.user.badPassword' }).max(128, { error: 'errors.user.badPassword' }),
        locale: z.enum(LOCALES, { error: 'errors.validation.locale' }).optional(),
      })
      .strict(),
  })
  .strict();
const USER_ADMINS = ['manager'] as const;
/** The lot to trace: by id, by its internal code, or by a scanned label (through the GS1 engine). */
const traceDirection = z.enum(['forward', 'backward', 'both'], { error: 'errors.trace.direction' }).default('both');
const traceInput = z.union([
  z.object({ lotId: id('lotId'), direction: traceDirection }).strict(),
  z.object({ lotCode: text(64).min(1, { error: 'errors.validation.required' }), direction: traceDirection }).strict(),
  scanInput.extend({ direction: traceDirection }),
]);
/**
 * A lot named one of the three ways trace.lot accepts (id, internal code, scan), with more fields:
 * one flat strict object, so a bad field is refused with its own message rather than as "no
 * branch of the union fits" (the trace screen's export and diversion check, issue 16).
 */
const lotNamed = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object({
      lotId: id('lotId').optional(),
      lotCode: text(64).min(1, { error: 'errors.validation.required' }).optional(),
      scan: scanInput.shape.scan.optional(),
      gsSubstitute: scanInput.shape.gsSubstitute,
      ...shape,
    })
    .strict()
    .refine((v: { lotId?: unknown; lotCode?: unknown; scan?: unknown }) => [v.lotId, v.lotCode, v.scan].filter((x) => x !== undefined).length === 1, { error: 'errors.trace.lotRequired', path: ['lotCode'] });
/** The trace as a file: every table in one XLSX workbook, or one table as CSV; headers in the caller's (or the given) language. */
const traceExportInput = lotNamed({
  direction: traceDirection,
  format: z.enum(['csv', 'xlsx'], { error: 'errors.trace.exportFormat' }),
  table: z.enum(['lots', 'shipments', 'receipts'], { error: 'errors.trace.exportTable' }).default('lots'),
  locale: z.enum(LOCALES).optional(),
});
/** Goods found on a market (防窜货): the lot (a GS1 label, an SSCC, a lot code) and the region it was found in. */
const diversionInput = lotNamed({ region: z.string({ error: 'errors.trace.regionRequired' }).trim().min(1, { error: 'errors.trace.regionRequired' }).max(64, { error: 'errors.trace.regionRequired' }) });

/** A pick list row's allocation (an integer key, migration 006). */
const allocationId = wholeNumber('errors.picking.unknownAllocation', 1);

export const contract = {
  'station.status': entry<R.StationStatus>()('query', 'public', empty),
  'station.loadDemo': entry<R.DemoLoaded>()('command', 'public', empty),
  /** A real first start (no demo): works only while the station has no users. */
  'station.setup': entry<R.Done>()('command', 'public', setupInput),

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

  'scan.resolve': entry<R.ScanResolution>()('query', 'signed-in', scanInput),
  /** A scanned or typed code naming an item: its SKU, its GTIN, or a GS1 barcode carrying the GTIN. */
  'scan.item': entry<R.ItemView>()('query', 'signed-in', scanInput),

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
        gsSubstitute: z.string().length(1).optional(),
      })
      .strict(),
  ),

  'stock.list': entry<R.StockPage>()(
    'query',
    'signed-in',
    z
      .object({
        itemId: id('itemId').optional(),
        lotId: id('lotId').optional(),
        /** Stock by bin: what one bin holds. */
        locationId: id('locationId').optional(),
        search: text(64).optional(),
        /** received (default): newest lots first; fefo: expiry first (then receipt), as picking takes them. */
        order: z.enum(['received', 'fefo']).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(STOCK_PAGE_MAX).optional(),
      })
      .strict(),
  ),
  'lots.get': entry<R.LotDetail>()('query', 'signed-in', z.object({ lotId: id('lotId') }).strict()),
  'labels.lot': entry<R.PdfDocument>()(
    'query',
    'signed-in',
    z.object({ lotId: id('lotId'), locale: z.enum(LOCALES).optional() }).strict(),
  ),

  // ── Inventory control (issue 4: putaway, moves, counts, adjustments, split/merge/transform, stock views) ──
  // binStep: the desk waits for a bin label, so a scan naming no lot is reported as an unknown bin.
  'inventory.scanLot': entry<R.ScannedLots>()('query', 'signed-in', scanInput.extend({ binStep: z.boolean().optional() })),
  'putaway.suggest': entry<R.BinSuggestion>()('query', 'signed-in', z.object({ lotId: id('lotId'), fromLocationId: id('fromLocationId').optional() }).strict()),
  /** A bin scanned for a lot: its code is looked up and the bin rules applied, so a wrong bin is refused at the scan. */
  'putaway.checkBin': entry<R.LocationRef>()(
    'query',
    'signed-in',
    z.object({ lotId: id('lotId'), bin: text(32).min(1, { error: 'errors.validation.required' }), allowNonPickable: z.boolean().optional() }).strict(),
  ),
  'stock.move': entry<R.MoveResult>()(
    'command',
    STOCK_KEEPERS,
    z
      .object({
        toLocationId: id('toLocationId'),
        /** The user confirmed that released stock goes to a non-pickable bin. */
        allowNonPickable: z.boolean().optional(),
        lines: z.array(lotInBin).min(1, { error: 'errors.validation.required' }).max(200),
      })
      .strict(),
  ),
  'counts.sheet': entry<R.CountSheet>()('query', STOCK_KEEPERS, z.object({ locationId: id('locationId') }).strict()),
  /** A whole bin counted: lots of the bin not listed were counted as zero. */
  'counts.submit': entry<R.CountResult>()(
    'command',
    STOCK_KEEPERS,
    z
      .object({
        locationId: id('locationId'),
        lines: z
          .array(z.object({ lotId: id('lotId'), quantity: quantity.min(0, { error: 'errors.count.negative' }) }).strict())
          .max(500),
      })
      .strict(),
  ),
  'stock.adjust': entry<R.AdjustResult>()(
    'command',
    LEADS,
    z
      .object({
        lotId: id('lotId'),
        locationId: id('locationId'),
        direction: z.enum(['in', 'out'], { error: 'errors.adjust.direction' }),
        quantity,
        reason: z.enum(ADJUSTMENT_REASONS, { error: 'errors.adjust.reason' }),
        note: text(200).optional(),
      })
      .strict(),
  ),
  'lots.split': entry<R.NewLotResult>()(
    'command',
    LEADS,
    z.object({ lotId: id('lotId'), fromLocationId: id('fromLocationId'), quantity, toLocationId: id('toLocationId').optional(), allowNonPickable: z.boolean().optional() }).strict(),
  ),
  'lots.merge': entry<R.NewLotResult>()(
    'command',
    LEADS,
    z
      .object({ parts: z.array(lotInBin).min(2, { error: 'errors.merge.twoLots' }).max(100), toLocationId: id('toLocationId'), allowNonPickable: z.boolean().optional() })
      .strict(),
  ),
  'lots.transform': entry<R.NewLotResult>()(
    'command',
    LEADS,
    z
      .object({
        kind: z.enum(['repack', 'blend', 'kitting'], { error: 'errors.transform.kind' }),
        itemId: id('itemId'),
        quantity,
        unit: text(16),
        components: z.array(lotInBin).min(1, { error: 'errors.transform.noComponents' }).max(100),
        toLocationId: id('toLocationId'),
        allowNonPickable: z.boolean().optional(),
      })
      .strict(),
  ),
  'boms.get': entry<R.BomView>()('query', 'signed-in', z.object({ itemId: id('itemId') }).strict()),
  /**
   * The component items a produced item may be made of; an empty list clears the BOM. `quantities`
   * (optional, one per component, null for none): how much of each goes into one unit made.
   */
  'boms.set': entry<R.BomView>()(
    'command',
    ['manager'],
    z.object({ itemId: id('itemId'), componentItemIds: z.array(id('componentItemIds')).max(50), quantities: z.array(quantity.nullable()).max(50).optional() }).strict(),
  ),
  'stock.byItem': entry<R.ItemStock[]>()('query', 'signed-in', z.object({ itemId: id('itemId').optional() }).strict()),
  /**
   * The morning near-expiry list, a page at a time in list order (expiry date, SKU, lot code): a
   * large warehouse has thousands of lots within their horizons, too many for one screen or answer.
   */
  'stock.nearExpiry': entry<R.NearExpiryPage>()(
    'query',
    'signed-in',
    z
      .object({
        itemId: id('itemId').optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(NEAR_EXPIRY_PAGE_MAX).optional(),
      })
      .strict(),
  ),
  'settings.nearExpiryDefault': entry<R.NearExpiryDefault>()('query', 'signed-in', empty),
  /** The horizon of every item without its own. */
  'settings.setNearExpiryDefault': entry<R.NearExpiryDefault>()(
    'command',
    ['manager'],
    z.object({ days: wholeNumber('errors.nearExpiry.defaultDays', 1, 3650) }).strict(),
  ),
  /** null: the station's default horizon applies. */
  'items.setNearExpiryDays': entry<R.Done>()(
    'command',
    LEADS,
    z.object({ itemId: id('itemId'), days: wholeNumber('errors.nearExpiry.days', 0, 3650).nullable() }).strict(),
  ),

  // ── Outbound (issue 4: sales orders, allocation, picking, check/pack/ship) ──
  'orders.create': entry<R.OrderCreated>()('command', LEADS, orderInput),
  /** Reads a CSV or XLSX file and checks every row; writes nothing. */
  'orders.checkImport': entry<R.ImportPreview>()(
    'query',
    LEADS,
    z.object({ fileName: text(200).min(1, { error: 'errors.validation.required' }), base64: z.string({ error: 'errors.validation.required' }).max(1_000_000, { error: 'errors.orders.import.tooLarge' }) }).strict(),
  ),
  /** The orders of a checked import file, created together or not at all. */
  'orders.import': entry<{ orders: R.OrderCreated[] }>()('command', LEADS, z.object({ orders: z.array(orderInput).min(1, { error: 'errors.orders.noLines' }).max(200) }).strict()),
  /**
   * Orders a page at a time (open ones oldest first, shipped ones newest first), with the whole
   * list's total; `search` narrows to orders whose number, customer code or name, reference or
   * shipment number contains it (any case); when a status's search finds nothing, `elsewhere`
   * counts the other status's matches. `stage` narrows to the open orders with work at that desk: `picking`,
   * something allocated and not yet picked; `packing`, picked stock not shipped yet.
   */
  'orders.list': entry<R.OrderPage>()(
    'query',
    'signed-in',
    z
      .object({
        status: z.enum(['open', 'shipped']).optional(),
        stage: z.enum(['picking', 'packing']).optional(),
        search: text(64).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(ORDERS_PAGE_MAX).optional(),
      })
      .strict(),
  ),
  'orders.get': entry<R.OrderDetail>()('query', 'signed-in', orderRef),
  'customers.setShelfLifeRule': entry<R.Done>()(
    'command',
    ['manager'],
    z
      .object({
        customerId: id('customerId'),
        minDays: wholeNumber('errors.orders.shelfLifeDays', 0, 3650).nullable(),
        minPercent: z
          .number({ error: 'errors.orders.shelfLifePercent' })
          .min(0, { error: 'errors.orders.shelfLifePercent' })
          .max(100, { error: 'errors.orders.shelfLifePercent' })
          .refine((p) => Number.isInteger(Math.round(p * 100)) && Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, { error: 'errors.orders.shelfLifePercent' })
          .nullable(),
      })
      .strict(),
  ),
  /** The walking route: bins in the order a picker passes them. */
  'locations.setRoute': entry<R.Done>()('command', ['manager'], z.object({ locationIds: z.array(id('locationIds')).min(1, { error: 'errors.validation.required' }).max(5000) }).strict()),
  'allocation.allocate': entry<R.AllocationResult>()('command', LEADS, orderRef),
  /** Gives back what is allocated and not picked yet. */
  'allocation.release': entry<R.Done>()('command', LEADS, orderRef),
  'picking.list': entry<R.PickList>()('query', STOCK_KEEPERS, orderRef),
  /** Bin, then lot label: validated against the allocation and the removal rule, and recorded. */
  'picking.scan': entry<R.PickResult>()(
    'command',
    STOCK_KEEPERS,
    scanInput.extend({ orderId: id('orderId'), bin: text(32).min(1, { error: 'errors.picking.binRequired' }), quantity: quantity.optional(), override: leadOverride.optional() }),
  ),
  'picking.exception': entry<R.PickList>()(
    'command',
    STOCK_KEEPERS,
    z.object({ allocationId, kind: z.enum(['short', 'damaged'], { error: 'errors.picking.exceptionKind' }), quantity }).strict(),
  ),
  'picking.overrides': entry<R.OverrideRow[]>()('query', LEADS, z.object({ from: calendarDate.optional(), to: calendarDate.optional() }).strict()),
  'packing.status': entry<R.PackingStatus>()('query', STOCK_KEEPERS, orderRef),
  /** One case scanned again at the packing desk into a package (a new one, with a fresh SSCC, when none is given). */
  'packing.scan': entry<R.PackScanResult>()(
    'command',
    STOCK_KEEPERS,
    scanInput.extend({ orderId: id('orderId'), packageId: id('packageId').optional(), quantity: quantity.optional() }),
  ),
  /** Starts the check of an order again: its unshipped packages are emptied and dropped. */
  'packing.reset': entry<R.PackingStatus>()('command', STOCK_KEEPERS, orderRef),
  'shipping.ship': entry<R.ShipResult>()('command', STOCK_KEEPERS, orderRef),
  'shipping.deliveryNote': entry<R.PdfDocument>()('query', 'signed-in', z.object({ shipmentId: id('shipmentId'), locale: z.enum(LOCALES).optional() }).strict()),
  /** The GS1 logistic label of one package (SSCC). */
  'labels.sscc': entry<R.PdfDocument>()('query', 'signed-in', z.object({ packageId: id('packageId'), locale: z.enum(LOCALES).optional() }).strict()),

  /** A lot's genealogy: descendants → shipments → customers (forward), ancestors → receipts → suppliers (backward). */
  'trace.lot': entry<R.TraceResult>()('query', TRACERS, traceInput),
  /** The trace screen's table as a file built in the core (works the same over IPC, HTTP and offline). */
  'trace.export': entry<R.TraceExportFile>()('query', TRACERS, traceExportInput),
  /** Diversion check: which customers, regions and channels a lot and its descendants were shipped to; flagged when none went to the region. */
  'trace.diversion': entry<R.DiversionResult>()('query', TRACERS, diversionInput),
  /** The regions the diversion check offers: those of customers and of shipments. */
  'trace.regions': entry<R.TraceRegion[]>()('query', TRACERS, empty),

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
  /** Users whose PIN or password is locked after too many wrong tries (src/app/people/secret-lockout.ts), soonest unlocked first. */
  'secrets.locked': entry<R.LockedUser[]>()('query', ['manager'], empty),
  /** Lifts one user's lock before it runs out (a lead who mistyped their PIN blocks approvals on the floor). */
  'secrets.unlock': entry<R.Done>()('command', ['manager'], z.object({ userId: id('userId') }).strict()),

  /** The Users screen (src/app/people/user-admin.ts): a manager manages clerks, inspectors and leads; an admin everyone. */
  'users.list': entry<R.UserListEntry[]>()('query', USER_ADMINS, empty),
  'users.create': entry<R.UserCreated>()('command', USER_ADMINS, z.object({ username, displayName, role, secretKind, secret, locale: z.enum(LOCALES, { error: 'errors.validation.locale' }).optional() }).strict()),
  'users.update': entry<R.Done>()('command', USER_ADMINS, z.object({ userId: id('userId'), displayName, role }).strict()),
  'users.setActive': entry<R.Done>()('command', USER_ADMINS, z.object({ userId: id('userId'), active: z.boolean({ error: 'errors.validation.required' }) }).strict()),
  'users.resetSecret': entry<R.Done>()(
    'command',
    USER_ADMINS,
    z.object({ userId: id('userId'), secretKind, secret, reason: text(200).min(3, { error: 'errors.users.reason' }) }).strict(),
  ),
  'users.changeOwnSecret': entry<R.Done>()('command', 'signed-in', z.object({ current: secret, secretKind, secret }).strict()),
  'settings.setIdleMinutes': entry<R.Done>()('command', USER_ADMINS, z.object({ minutes: wholeNumber('errors.settings.idleMinutes', 1, 480) }).strict()),
} satisfies Record<string, Entry>;

export type Contract = typeof contract;
export type Name = keyof Contract;
export type Input<N extends Name> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends Name> = z.output<Contract[N]['input']>;
export type Result<N extends Name> = Exclude<Contract[N]['result'], undefined>;
export const NAMES = Object.keys(contract) as Name[];
