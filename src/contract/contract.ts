/**
 * The contract: every command and query of the station, once. Each entry names who may call it,
 * the runtime schema of its input and (as a type) its result. The HTTP transport, the Electron
 * IPC adapter and the renderer's client are all derived from this table.
 * Keep this file free of Node APIs: the renderer imports its types.
 */
import { z } from 'zod';
import type { Access } from '../domain/roles';
import type * as R from './results';
import { calendarDate, empty, id, multilineText, quantity, refuseUnsafe, scanText, text, wholeNumber } from './schemas';
import { LOCALES } from '../i18n/locales';
import { ROLES } from '../domain/roles';
import { hasValidCheckDigit } from '../domain/gs1/check-digit';
import { ADJUSTMENT_REASONS } from '../domain/adjustments';
import { AUDIT_PAGE_MAX, NEAR_EXPIRY_PAGE_MAX, ORDERS_PAGE_MAX, STOCK_PAGE_MAX, TRACE_PAGE_MAX } from './pages';
import { BIN_KINDS } from '../domain/bin-kinds';
import { NOTIFY_METHODS, RECALL_CLASSES } from '../domain/recall';
import { QC_PLAN_AUTHORS, QC_PLAN_READERS, qcPlanList, qcPlanRef, qcPlanSave } from './qc-plan-schemas';
import { deviceEvents, deviceSettings, printerRef, printJobRef, printLogFilter, printLotLabel, printSsccLabel, printDeliveryNote, printCoa, printRecallReport, scanSource, simulatedScan } from './device-schemas';
import { binFields, importFile as masterImportFile, itemFields, MASTER_IMPORT_MAX_ROWS, partyFields, type ItemFieldsInput } from './master-data-schemas';

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
/** Who sets up a station's devices (issue 19): the manager (and the admin, who may run everything). */
const DEVICE_ADMINS = ['manager'] as const;

// Locations and purchase orders (issue 15).
/** Who sets up zones, bins, the walking route and prints bin labels. */
const LOCATION_ADMINS = ['manager'] as const;
/** Who writes purchase orders: as with sales orders, the lead and the manager. */
const PURCHASERS = LEADS;
const binKind = z.enum(BIN_KINDS, { error: 'errors.locations.badKind' });
const zoneCode = z.string({ error: 'errors.validation.required' }).trim().toUpperCase().min(1, { error: 'errors.validation.required' }).max(12, { error: 'errors.validation.tooLong' }).regex(/^[A-Z0-9][A-Z0-9_-]*$/, { error: 'errors.locations.badZoneCode' });
const binCode = z.string({ error: 'errors.validation.required' }).trim().toUpperCase().min(1, { error: 'errors.validation.required' }).max(24, { error: 'errors.validation.tooLong' }).regex(/^[A-Z0-9][A-Z0-9._/-]*$/, { error: 'errors.locations.badCode' });
const rangeInput = z
  .object({
    zoneId: id('zoneId'),
    kind: binKind,
    prefix: text(12).optional(),
    separator: z.enum(['-', '.', '_', ''], { error: 'errors.locations.badSeparator' }).optional(),
    parts: z
      .array(z.object({ from: text(4).min(1, { error: 'errors.validation.required' }), to: text(4).min(1, { error: 'errors.validation.required' }), width: z.number().int().min(0).max(4).optional() }).strict())
      .min(1, { error: 'errors.locations.rangePart' })
      .max(4),
  })
  .strict();
const purchaseOrderInput = z
  .object({
    supplierId: id('supplierId'),
    /** The supplier's own number, or ours as sent to them. */
    reference: text(35).optional(),
    expectedDate: calendarDate.optional(),
    lines: z.array(z.object({ itemId: id('itemId'), quantity }).strict()).min(1, { error: 'errors.purchaseOrders.noLines' }).max(500),
  })
  .strict();
const purchaseOrderRef = z.object({ purchaseOrderId: id('purchaseOrderId') }).strict();
const importFile = z.object({ fileName: text(200).min(1, { error: 'errors.validation.required' }), base64: z.string({ error: 'errors.validation.required' }).max(1_000_000, { error: 'errors.orders.import.tooLarge' }) }).strict();

/** A quantity taken from one lot in one bin (split, merge, transformation, move). */
const lotInBin = z.object({ lotId: id('lotId'), fromLocationId: id('fromLocationId'), quantity }).strict();
/** A wedge scanner's stand-in for GS: one printable character (a control character or a bidi mark is no stand-in). */
const gsSubstitute = scanText(1).length(1).optional();
const scanInput = z.object({ scan: scanText(512).min(1, { error: 'errors.validation.required' }), gsSubstitute }).strict();

/**
 * A made lot's production record (issue 17, item 6): line or equipment, shift, operator (the
 * signed-in user unless named by username) and the process parameters of the item's active plan, each as typed
 * (checked and marked in/out of spec by the core, so text in a numeric field is refused there).
 */
const productionRecord = z
  .object({
    line: text(40).min(1, { error: 'errors.validation.required' }),
    shift: text(20).min(1, { error: 'errors.validation.required' }),
    /** The operator's username (the desk's roster names them); the signed-in user when absent. */
    operator: text(64).optional(),
    parameters: z.array(z.object({ characteristicId: id('characteristicId'), value: z.string({ error: 'errors.validation.required' }).max(200, { error: 'errors.validation.tooLong' }) }).strict()).max(100).default([]),
  })
  .strict();
/** Supplier quality (issue 17, item 7): receipt dates inclusive, at most ten years. */
const supplierQualityInput = z
  .object({ supplierId: id('supplierId').optional(), itemId: id('itemId').optional(), from: calendarDate, to: calendarDate })
  .strict();

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
/** Who backs the station up and sets the schedule; a restore is the admin's alone. */
const BACKUP_KEEPERS = ['manager'] as const;
const backupRef = z.object({ file: text(200).min(1, { error: 'errors.validation.required' }) }).strict();
/** The lot to trace: by id, by its internal code, or by a scanned label (through the GS1 engine). */
const traceDirection = z.enum(['forward', 'backward', 'both'], { error: 'errors.trace.direction' }).default('both');
/** With `limit`, trace.lot returns the first page of each list and the totals; trace.page gives the rest (issue 16). */
const tracePageSize = wholeNumber('errors.trace.badLimit', 1, TRACE_PAGE_MAX);
const traceInput = z.union([
  z.object({ lotId: id('lotId'), direction: traceDirection, limit: tracePageSize.optional() }).strict(),
  z.object({ lotCode: text(64).min(1, { error: 'errors.validation.required' }), direction: traceDirection, limit: tracePageSize.optional() }).strict(),
  scanInput.extend({ direction: traceDirection, limit: tracePageSize.optional() }),
]);
const tracePageInput = z
  .object({
    lotId: id('lotId'),
    direction: traceDirection,
    list: z.enum(['nodes', 'edges', 'shipments', 'receipts'], { error: 'errors.trace.badList' }),
    offset: wholeNumber('errors.trace.badOffset', 0),
    limit: tracePageSize,
  })
  .strict();
/** The other entry points of a trace: a supplier's lot code, a supplier and a receipt date range, an item and a production date range, a shipped SSCC. */
const traceFindLimit = { limit: tracePageSize.default(500) };
const traceFindInput = z.union([
  z.object({ supplierLot: text(64).min(1, { error: 'errors.validation.required' }), ...traceFindLimit }).strict(),
  z.object({ supplierCode: text(32).min(1, { error: 'errors.validation.required' }), receivedFrom: calendarDate, receivedTo: calendarDate, ...traceFindLimit }).strict(),
  z.object({ sku: text(64).min(1, { error: 'errors.validation.required' }), producedFrom: calendarDate, producedTo: calendarDate, ...traceFindLimit }).strict(),
  z.object({ sscc: z.string({ error: 'errors.trace.badSscc' }).trim().regex(/^(\(00\)|00)?\d{18}$/, { error: 'errors.trace.badSscc' }), ...traceFindLimit }).strict(),
]);

// Master data (issue 15, items 3, 4 and 7): the manager keeps items, parties and their files.
const MASTER_DATA = ['manager'] as const;
const activeFlag = z.boolean({ error: 'errors.validation.required' });
const tooManyRows = { error: 'errors.import.tooManyRows' };

/** A supplier's CoA arrives with the goods (issue 17, item 5): the receiving desk attaches it, QC reads it. */
const QC_FILE_ATTACHERS = ['clerk', 'inspector', 'lead', 'manager'] as const;
const qcFile = z
  .object({
    name: text(120).min(1, { error: 'errors.validation.required' }),
    mimeType: text(100).min(1, { error: 'errors.validation.required' }),
    // base64 of at most 5 MB (QC_FILE_MAX_BYTES of src/app/qc/inspections.ts); the decoded size is checked again in the core.
    base64: z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(Math.ceil((5 * 1024 * 1024) / 3) * 4, { error: 'errors.qc.fileTooLarge' }),
  })
  .strict();

/** Complaints (issue 16): QC, the warehouse lead and the manager take and view them; a CAPA is signed closed by QC or the manager. */
const COMPLAINT_DESKS = ['inspector', 'lead', 'manager'] as const;
const CAPA_SIGNERS = ['inspector', 'manager'] as const;
export const COMPLAINT_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const COMPLAINT_FILES_MAX = 8;
const severity = z.enum(['minor', 'major', 'critical'], { error: 'errors.complaints.severity' });
const complaintFiles = z
  .array(
    z
      .object({
        name: text(120).min(1, { error: 'errors.validation.required' }),
        mimeType: text(100).min(1, { error: 'errors.validation.required' }),
        // base64 of at most COMPLAINT_FILE_MAX_BYTES; the decoded size is checked again in the core.
        base64: z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(Math.ceil(COMPLAINT_FILE_MAX_BYTES / 3) * 4, { error: 'errors.complaints.fileTooLarge' }),
      })
      .strict(),
  )
  .max(COMPLAINT_FILES_MAX, { error: 'errors.complaints.tooManyFiles' });
const complaintFields = {
  customerId: id('customerId').nullable().optional(),
  description: multilineText(2000).min(3, { error: 'errors.complaints.description' }),
  receivedOn: calendarDate,
  severity,
};
const complaintRef = z.object({ complaintId: id('complaintId') }).strict();

/** The root lots of a trace export (issue 16), at most 50 at once. */
const exportInput = z
  .object({ lotIds: z.array(id('lotIds')).min(1, { error: 'errors.validation.required' }).max(50), locale: z.enum(LOCALES).optional() })
  .strict();
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
const diversionInput = lotNamed({ region: z.string({ error: 'errors.trace.regionRequired' }).trim().min(1, { error: 'errors.trace.regionRequired' }).max(64, { error: 'errors.trace.regionRequired' }).check(refuseUnsafe()) });

/** A pick list row's allocation (an integer key, migration 006). */
const allocationId = wholeNumber('errors.picking.unknownAllocation', 1);

/** Recall (issue 16): the manager starts, works and closes a recall or a timed mock recall. */
const RECALLERS = ['manager'] as const;
const recallRef = z.object({ recallId: id('recallId') }).strict();
/** A root lot by id, by its internal code, or by a scanned label (the trace's own ways of naming a lot). */
const recallRoot = z.union([
  z.object({ lotId: id('lotId') }).strict(),
  z.object({ lotCode: text(64).min(1, { error: 'errors.validation.required' }) }).strict(),
  scanInput,
]);
const recallStart = z
  .object({
    roots: z.array(recallRoot).min(1, { error: 'errors.recall.noRoots' }).max(50, { error: 'errors.recall.tooManyRoots' }),
    mock: z.boolean({ error: 'errors.validation.required' }).default(false),
    reason: multilineText(500).min(3, { error: 'errors.recall.reason' }),
    recallClass: z.enum(RECALL_CLASSES, { error: 'errors.recall.badClass' }),
  })
  .strict();
const recallNotified = recallRef.extend({
  customerId: id('customerId'),
  /** Who at the customer was told. */
  contact: text(120).min(1, { error: 'errors.recall.contact' }),
  method: z.enum(NOTIFY_METHODS, { error: 'errors.recall.method' }),
  /** When they were told (UTC instant); omitted: now. */
  notifiedAt: z.iso.datetime({ offset: true, error: 'errors.recall.notifiedAt' }).optional(),
  note: text(500).optional(),
});
const recallReturn = scanInput.extend({ recallId: id('recallId'), customerId: id('customerId'), quantity, toLocationId: id('toLocationId') });
const recallClose = recallRef.extend({ secret, note: text(500).optional() });


// ── QC inspections and e-signatures (issue 17, src/app/qc/inspections.ts, disposition.ts) ──
/** Who sees the QC queue and an inspection; who inspects, decides and signs; who sets QC's rules. */
const QC_DESKS = ['inspector', 'lead', 'manager'] as const;
const QC_INSPECTORS = ['inspector', 'manager'] as const;
const QC_SETTERS = ['manager'] as const;
export const QC_QUEUE_PAGE_MAX = 200;
const inspectionRef = z.object({ inspectionId: id('inspectionId') }).strict();
/** The password typed again to sign (21 CFR Part 11 §11.200); never stored, never in the audit. */
const signingSecret = z.string({ error: 'errors.esign.passwordRequired' }).min(1, { error: 'errors.esign.passwordRequired' }).max(128);
const qcDecide = inspectionRef.extend({
  decision: z.enum(['released', 'rejected', 'on_hold', 'conditional'], { error: 'errors.qc.badDecision' }),
  /** Why: required to hold a lot, optional for the others. */
  reason: text(500).optional(),
  /** The deviation a conditional release accepts (required for it). */
  deviation: text(1000).optional(),
  secret: signingSecret,
});

export const contract = {
  'station.status': entry<R.StationStatus>()('query', 'public', empty),
  'station.loadDemo': entry<R.DemoLoaded>()('command', 'public', empty),
  /** A real first start (no demo): works only while the station has no users. */
  'station.setup': entry<R.Done>()('command', 'public', setupInput),
  /** The desk's HTTPS certificate for PDAs on the LAN (its SHA-256 fingerprint), or null when it never served the LAN. */
  'station.lanCertificate': entry<R.LanCertificate | null>()('query', ['manager'], empty),

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
        scan: scanText(512).optional(),
        /** Where the scan came from (HID scanner, keyboard wedge, typed): noted in the audit. */
        scanSource,
        gsSubstitute,
        /** The net weight as weighed: a stable reading of the station's scale (devices.readScale)… */
        weightReadingId: id('weightReadingId').optional(),
        /** …or typed, in kilograms (the label's AI 310n). */
        netWeightKg: z.number({ error: 'errors.receiving.badNetWeight' }).positive({ error: 'errors.receiving.badNetWeight' }).max(999_999, { error: 'errors.receiving.badNetWeight' }).optional(),
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
        /** Where, by whom and how the lot was made; required when the item's active plan names process parameters. */
        production: productionRecord.optional(),
      })
      .strict(),
  ),
  /** The process parameters a production record of the item asks for (its active plan's 'process' characteristics). */
  'production.form': entry<R.ProductionForm>()('query', LEADS, z.object({ itemId: id('itemId') }).strict()),
  /** A made lot's production record, or null. */
  'production.get': entry<R.ProductionRecordView | null>()('query', 'signed-in', z.object({ lotId: id('lotId') }).strict()),
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
    scanInput.extend({
      orderId: id('orderId'),
      bin: text(32).min(1, { error: 'errors.picking.binRequired' }),
      quantity: quantity.optional(),
      override: leadOverride.optional(),
      /** A catch-weight item's weight at the pick: a stable reading of the station's scale (devices.readScale)… */
      weightReadingId: id('weightReadingId').optional(),
      /** …or typed, in kilograms (grams at most: three decimals). */
      weightKg: z
        .number({ error: 'errors.picking.badWeight' })
        .positive({ error: 'errors.picking.badWeight' })
        .max(99_999, { error: 'errors.picking.badWeight' })
        .refine((kg) => Math.abs(kg * 1000 - Math.round(kg * 1000)) < 1e-6, { error: 'errors.picking.badWeight' })
        .optional(),
    }),
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
  'trace.page': entry<R.TracePage>()('query', TRACERS, tracePageInput),
  'trace.find': entry<R.TraceFindResult>()('query', TRACERS, traceFindInput),

  /** Recall (issue 16, src/app/recall): start (real or mock), notify, returns, reconcile, close with a signature, the report. */
  'recall.list': entry<R.RecallListRow[]>()('query', RECALLERS, empty),
  'recall.get': entry<R.RecallDetail>()('query', RECALLERS, recallRef),
  'recall.start': entry<R.RecallStarted>()('command', RECALLERS, recallStart),
  'recall.markNotified': entry<R.Done>()('command', RECALLERS, recallNotified),
  'recall.receiveReturn': entry<R.Done>()('command', RECALLERS, recallReturn),
  'recall.reconcile': entry<R.Done>()('command', RECALLERS, recallRef),
  'recall.close': entry<R.Done>()('command', RECALLERS, recallClose),
  'recall.pdf': entry<R.PdfDocument>()('query', RECALLERS, recallRef.extend({ locale: z.enum(LOCALES).optional() })),
  /** FDA FSMA 204 sortable spreadsheet of the root lots' traces (XLSX or CSV); headers are the FDA's English, the About sheet is in `locale`. */
  'trace.fsma': entry<R.ExportDocument>()('query', TRACERS, exportInput.extend({ format: z.enum(['xlsx', 'csv'], { error: 'errors.exports.format' }).default('xlsx') })),
  /** GS1 EPCIS 2.0 JSON-LD document of the root lots' traces. */
  'trace.epcis': entry<R.ExportDocument>()('query', TRACERS, exportInput),

  /** A complaint about a product or lot; the lot by id, or as scanned or typed (`lot`). Photos and files go into the station's data folder. */
  'complaints.create': entry<R.ComplaintCreated>()(
    'command',
    COMPLAINT_DESKS,
    z.object({ ...complaintFields, itemId: id('itemId').optional(), lotId: id('lotId').optional(), lot: scanText(512).trim().optional(), files: complaintFiles.optional() }).strict(),
  ),
  'complaints.update': entry<R.Done>()('command', COMPLAINT_DESKS, complaintRef.extend({ ...complaintFields, addFiles: complaintFiles.optional() })),
  'complaints.list': entry<R.ComplaintSummary[]>()('query', COMPLAINT_DESKS, z.object({ lotId: id('lotId').optional(), open: z.boolean().optional() }).strict()),
  'complaints.get': entry<R.ComplaintDetail>()('query', COMPLAINT_DESKS, complaintRef),
  'complaints.file': entry<R.ComplaintFileContent>()('query', COMPLAINT_DESKS, complaintRef.extend({ fileId: id('fileId') })),
  /** The complaint's CAPA, created or edited while open. */
  'capa.save': entry<R.Done>()(
    'command',
    COMPLAINT_DESKS,
    complaintRef.extend({
      rootCause: multilineText(2000).min(3, { error: 'errors.capa.rootCause' }),
      action: multilineText(2000).min(3, { error: 'errors.capa.action' }),
      ownerId: id('ownerId'),
      dueDate: calendarDate,
      verification: multilineText(2000).optional(),
    }),
  ),
  /** Closes the CAPA with the signer's own PIN or password typed again (an e-signature: who, when, meaning). */
  'capa.close': entry<R.Done>()('command', CAPA_SIGNERS, complaintRef.extend({ secret })),
  /** Supplier quality: per supplier and item, lots received, rejected, on hold, first-pass yield; with one supplier and item, months and control charts. */
  'qc.supplierQuality': entry<R.SupplierQuality>()('query', ['manager'], supplierQualityInput),
  /** The same figures as an XLSX workbook. */
  'qc.supplierQualityExport': entry<R.ExportFile>()('query', ['manager'], supplierQualityInput.extend({ locale: z.enum(LOCALES).optional() })),
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
  /**
   * The Audit screen (issue 15): filters by user, command, date range (instants, `to` excluded),
   * object kind with its label or id, and result; newest first, a page at a time by seq (`before`).
   */
  'audit.search': entry<R.AuditPage>()(
    'query',
    ['manager'],
    z
      .object({
        userId: id('userId').optional(),
        command: text(64).min(1).optional(),
        from: z.iso.datetime({ error: 'errors.date.invalid' }).optional(),
        to: z.iso.datetime({ error: 'errors.date.invalid' }).optional(),
        object: text(32).min(1).optional(),
        label: text(200).min(1).optional(),
        objectId: id('objectId').optional(),
        result: z.enum(['ok', 'refused']).optional(),
        before: z.number().int().min(1).optional(),
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
      })
      .strict()
      .refine((f) => f.object !== undefined || (f.label === undefined && f.objectId === undefined), { error: 'errors.audit.objectKindFirst', path: ['object'] }),
  ),
  /** Walks the whole hash chain (seconds over a million records): the Audit screen's "verify" button. */
  'audit.verify': entry<R.AuditChainStatus>()('query', ['manager'], empty),
  // ── Central sync (issue 20, src/app/admin/sync.ts, src/sync/): the desk's link to the centre ──
  /** Online/offline, events waiting, last sync, last error: the header shows it to everyone signed in. */
  'sync.status': entry<R.SyncStatus>()('query', 'signed-in', empty),
  /** Enrols with a centre (its address and a one-time code) and switches the desk to connected. Admin only; waits for the centre. */
  'sync.connect': entry<R.SyncStatus>()(
    'query',
    [],
    z
      .object({
        centreUrl: z.string({ error: 'errors.validation.required' }).trim().min(1, { error: 'errors.validation.required' }).max(300, { error: 'errors.validation.tooLong' }).regex(/^https?:\/\/[^\s]+$/, { error: 'errors.syncDesk.badUrl' }),
        code: text(64).min(1, { error: 'errors.validation.required' }),
      })
      .strict(),
  ),
  /** Back to standalone (the credential is removed; the outbox keeps filling). Admin only. */
  'sync.disconnect': entry<R.SyncStatus>()('query', [], empty),
  /** A pull and push now; resolves with the status after it. */
  'sync.now': entry<R.SyncStatus>()('query', 'signed-in', empty),
  // ── Backups (issue 18, src/app/admin/backups.ts): the station's backups, their schedule, a restore ──
  'backup.list': entry<R.BackupOverview>()('query', BACKUP_KEEPERS, empty),
  /** Backs up now (the online backup, in steps: the desk keeps working) and applies the retention; waits until the file is written. */
  'backup.run': entry<R.BackupEntry>()('query', BACKUP_KEEPERS, empty),
  /** The full check of one backup (integrity, schema version, audit chain), kept beside it for the list. */
  'backup.check': entry<R.BackupCheckResult>()('query', BACKUP_KEEPERS, backupRef),
  'backup.setSchedule': entry<R.Done>()(
    'command',
    BACKUP_KEEPERS,
    z
      .object({
        /** null: the default folder beside the database. */
        folder: text(1024).min(1, { error: 'errors.validation.required' }).nullable(),
        time: text(5).nullable(),
        everyHours: wholeNumber('errors.backup.everyHours', 1, 168).nullable(),
        keepDays: wholeNumber('errors.backup.keepDays', 1, 3650),
      })
      .strict(),
  ),
  /**
   * Admin only: checks the backup, moves the current database aside (never deleted), swaps the backup
   * in and ends every session. A query in kind: it cannot run inside a transaction on the database it
   * replaces; it writes its own audit records (before the swap in the old file, after it in the new).
   */
  'backup.restore': entry<R.RestoreResult>()('query', [], backupRef),
  /** Signs the chain's head now into the checkpoint file and returns it to print or file (issue 18). */
  'audit.checkpoint': entry<R.AuditCheckpoint>()('query', ['manager'], empty),
  /** The same signed checkpoint as a PDF to print or export, in the asked language or the reader's. */
  'audit.checkpointPdf': entry<R.PdfDocument>()('query', ['manager'], z.object({ locale: z.enum(LOCALES).optional() }).strict()),
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
  /** E-signatures (issue 17): a PIN user's signing password, set by its owner or reset by a manager; checked as a password (8–128). */
  'users.signingStatus': entry<R.SigningStatus>()('query', 'signed-in', empty),
  'users.setSigningPassword': entry<R.Done>()('command', 'signed-in', z.object({ current: secret, password: secret }).strict()),
  'users.resetSigningPassword': entry<R.Done>()(
    'command',
    USER_ADMINS,
    z.object({ userId: id('userId'), password: secret, reason: text(200).min(3, { error: 'errors.users.reason' }) }).strict(),
  ),
  'settings.setIdleMinutes': entry<R.Done>()('command', USER_ADMINS, z.object({ minutes: wholeNumber('errors.settings.idleMinutes', 1, 480) }).strict()),
  // ── Locations (issue 15, src/app/master-data/locations.ts): zones, bins with a kind, ranges, labels ──
  'zones.list': entry<R.ZoneView[]>()('query', LOCATION_ADMINS, empty),
  'zones.create': entry<{ id: string }>()('command', LOCATION_ADMINS, z.object({ code: zoneCode, name: text(60).min(1, { error: 'errors.validation.required' }) }).strict()),
  'zones.update': entry<R.Done>()('command', LOCATION_ADMINS, z.object({ zoneId: id('zoneId'), code: zoneCode, name: text(60).min(1, { error: 'errors.validation.required' }) }).strict()),
  'locations.list': entry<R.BinView[]>()('query', LOCATION_ADMINS, z.object({ includeInactive: z.boolean().optional() }).strict()),
  'locations.create': entry<{ id: string }>()('command', LOCATION_ADMINS, z.object({ zoneId: id('zoneId'), code: binCode, kind: binKind }).strict()),
  /** Renames, moves to another zone or changes the kind; refused while the bin's stock would not fit (or a rename while it holds any). */
  'locations.update': entry<R.Done>()('command', LOCATION_ADMINS, z.object({ locationId: id('locationId'), zoneId: id('zoneId'), code: binCode, kind: binKind }).strict()),
  'locations.setActive': entry<R.Done>()('command', LOCATION_ADMINS, z.object({ locationId: id('locationId'), active: z.boolean({ error: 'errors.validation.required' }) }).strict()),
  /** The codes a range would create, and those that exist already; writes nothing. */
  'locations.previewRange': entry<R.RangePreview>()('query', LOCATION_ADMINS, rangeInput),
  /** Every bin of the range in one go, or none when any code exists. */
  'locations.createRange': entry<R.RangeCreated>()('command', LOCATION_ADMINS, rangeInput),
  /** Bin labels (PDF, one label per bin, Code 128 of the bin code). */
  'labels.bins': entry<R.PdfDocument>()(
    'query',
    LOCATION_ADMINS,
    z.object({ locationIds: z.array(id('locationIds')).min(1, { error: 'errors.locations.noneChosen' }).max(5000), locale: z.enum(LOCALES, { error: 'errors.validation.locale' }).optional() }).strict(),
  ),

  // ── Purchase orders (issue 15, src/app/inbound/purchase-orders.ts) ──
  'purchaseOrders.list': entry<R.PurchaseOrderSummary[]>()(
    'query',
    PURCHASERS,
    z.object({ status: z.enum(['all', 'open', 'closed', 'cancelled']).optional(), search: text(60).optional() }).strict(),
  ),
  'purchaseOrders.get': entry<R.PurchaseOrderDetail>()('query', PURCHASERS, purchaseOrderRef),
  'purchaseOrders.create': entry<R.PurchaseOrderCreated>()('command', PURCHASERS, purchaseOrderInput),
  /** Only while nothing was received against the order. */
  'purchaseOrders.update': entry<R.Done>()('command', PURCHASERS, purchaseOrderInput.extend({ purchaseOrderId: id('purchaseOrderId') }).strict()),
  /** Only while nothing was received against the order. */
  'purchaseOrders.cancel': entry<R.Done>()('command', PURCHASERS, purchaseOrderRef.extend({ reason: text(200).optional() }).strict()),
  /** After a partial receipt: the rest will not come. */
  'purchaseOrders.closeShort': entry<R.Done>()('command', PURCHASERS, purchaseOrderRef.extend({ reason: text(200).min(3, { error: 'errors.purchaseOrders.reason' }) }).strict()),
  'purchaseOrders.checkImport': entry<R.PurchaseOrderImportPreview>()('query', PURCHASERS, importFile),
  'purchaseOrders.import': entry<{ orders: R.PurchaseOrderCreated[] }>()(
    'command',
    PURCHASERS,
    z.object({ orders: z.array(purchaseOrderInput).min(1, { error: 'errors.purchaseOrders.noLines' }).max(200) }).strict(),
  ),
  // ── Master data (issue 15): src/app/master-data/items.ts, parties.ts, master-files.ts ──
  /** Items whose SKU, GTIN or name (either language) contains `search`, or the item a scanned GS1 barcode names. */
  'items.search': entry<R.ItemSearchResult>()(
    'query',
    'signed-in',
    z.object({ search: scanText(512).trim().optional(), includeInactive: z.boolean().optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
  ),
  'items.get': entry<R.ItemDetail>()('query', 'signed-in', z.object({ itemId: id('itemId') }).strict()),
  'items.create': entry<R.Created>()('command', MASTER_DATA, itemFields),
  'items.update': entry<R.Done>()('command', MASTER_DATA, itemFields.extend({ itemId: id('itemId') })),
  'items.setActive': entry<R.Done>()('command', MASTER_DATA, z.object({ itemId: id('itemId'), active: activeFlag }).strict()),
  /** Reads an items file and checks every row; writes nothing. */
  'items.checkImport': entry<R.MasterImportPreview<ItemFieldsInput>>()('query', MASTER_DATA, masterImportFile),
  /** The records of a clean items file: new SKUs created, known ones updated, all or nothing. */
  'items.import': entry<R.MasterImportResult>()('command', MASTER_DATA, z.object({ items: z.array(itemFields).min(1, { error: 'errors.import.empty' }).max(MASTER_IMPORT_MAX_ROWS, tooManyRows) }).strict()),
  'parties.list': entry<R.PartyDetail[]>()(
    'query',
    'signed-in',
    z.object({ kind: z.enum(['supplier', 'customer']).optional(), search: text(64).optional(), includeInactive: z.boolean().optional() }).strict(),
  ),
  'parties.create': entry<R.Created>()('command', MASTER_DATA, partyFields),
  /** A party's kind stays what it was created as (lots and orders name it as one). */
  'parties.update': entry<R.Done>()('command', MASTER_DATA, partyFields.omit({ kind: true }).extend({ partyId: id('partyId') })),
  'parties.setActive': entry<R.Done>()('command', MASTER_DATA, z.object({ partyId: id('partyId'), active: activeFlag }).strict()),
  'parties.checkImport': entry<R.MasterImportPreview<z.input<typeof partyFields>>>()('query', MASTER_DATA, masterImportFile),
  'parties.import': entry<R.MasterImportResult>()('command', MASTER_DATA, z.object({ parties: z.array(partyFields).min(1, { error: 'errors.import.empty' }).max(MASTER_IMPORT_MAX_ROWS, tooManyRows) }).strict()),
  'bins.checkImport': entry<R.MasterImportPreview<z.input<typeof binFields>>>()('query', MASTER_DATA, masterImportFile),
  /** New bins of a clean bins file (their zones created when missing); bins already as the file says are left. */
  'bins.import': entry<R.MasterImportResult>()('command', MASTER_DATA, z.object({ bins: z.array(binFields).min(1, { error: 'errors.import.empty' }).max(MASTER_IMPORT_MAX_ROWS, tooManyRows) }).strict()),
  /** Items, parties, bins or the users' list as XLSX or CSV (UTF-8 with BOM), in the columns the imports read. */
  'masterData.export': entry<R.ExportFile>()(
    'query',
    MASTER_DATA,
    z.object({ kind: z.enum(['items', 'parties', 'bins', 'users']), format: z.enum(['xlsx', 'csv']), locale: z.enum(LOCALES).optional() }).strict(),
  ),
  // ── QC inspections and e-signatures (issue 17) ──
  /** Open inspections, oldest first, with due dates and the overdue count. */
  'qc.queue': entry<R.QcQueuePage>()(
    'query',
    QC_DESKS,
    z.object({ offset: wholeNumber('errors.qc.badOffset', 0).optional(), limit: wholeNumber('errors.qc.badLimit', 1, QC_QUEUE_PAGE_MAX).optional() }).strict(),
  ),
  /**
   * A lot's inspection by the lot (id, code or any scanned label, the supplier's GS1 barcode
   * included) or by the inspection; both given: the lot scanned must be the inspection's.
   */
  'qc.open': entry<R.QcOpened>()(
    'query',
    QC_DESKS,
    z
      .object({
        inspectionId: id('inspectionId').optional(),
        lotId: id('lotId').optional(),
        lotCode: text(64).min(1, { error: 'errors.validation.required' }).optional(),
        scan: scanInput.shape.scan.optional(),
        gsSubstitute: scanInput.shape.gsSubstitute,
      })
      .strict(),
  ),
  /** An inspection opened by hand for any lot (trigger 'manual'), by the item's active plan or the one named. */
  'qc.start': entry<R.QcStarted>()('command', QC_INSPECTORS, z.object({ lotId: id('lotId'), planId: id('planId').optional() }).strict()),
  /** One sample's result; a value already recorded is corrected only with a reason (the old row is kept, superseded). */
  'qc.recordResult': entry<R.QcRecorded>()(
    'command',
    QC_INSPECTORS,
    inspectionRef.extend({
      characteristicId: id('characteristicId'),
      sampleNo: wholeNumber('errors.qc.badSampleNo', 1, 10000),
      /** As typed (text), a scale's reading (number) or pass/fail (boolean); parsed and judged by the plan's value check. */
      value: z.union([z.string().max(500, { error: 'errors.validation.tooLong' }), z.number(), z.boolean()], { error: 'errors.qcValue.empty' }),
      source: z.enum(['typed', 'scale'], { error: 'errors.qc.badSource' }).default('typed'),
      /** With source 'scale': the stable reading (devices.readScale) the value is; the core records the reading's weight and device. */
      readingId: id('readingId').optional(),
      correctionReason: text(200).optional(),
    }),
  ),
  'qc.attachFile': entry<{ id: string; sha256: string }>()(
    'command',
    QC_INSPECTORS,
    inspectionRef.extend({
      kind: z.enum(['photo', 'file'], { error: 'errors.qc.badFileKind' }),
      name: text(120).min(1, { error: 'errors.validation.required' }),
      mimeType: text(100).min(1, { error: 'errors.validation.required' }),
      base64: z.string({ error: 'errors.validation.required' }).min(1, { error: 'errors.validation.required' }).max(Math.ceil((5 * 1024 * 1024) / 3) * 4, { error: 'errors.qc.fileTooLarge' }),
    }),
  ),
  'qc.file': entry<R.QcFileContent>()('query', QC_DESKS, z.object({ fileId: id('fileId') }).strict()),
  /** Samples taken out of a bin for the inspection: a movement out of stock (reason qc_sample), allowed in quarantine and on hold. */
  'qc.drawSample': entry<R.QcSampleDrawn>()('command', QC_INSPECTORS, inspectionRef.extend({ locationId: id('locationId'), quantity })),
  /** The decision, signed with the password typed again and bound to the current results; the lot's status changes with it. */
  'qc.decide': entry<R.QcDecided>()('command', QC_INSPECTORS, qcDecide),
  /** A decided inspection opened again, with a reason and a signature; the lot goes back to quarantine. */
  'qc.reopen': entry<R.Done>()('command', QC_INSPECTORS, inspectionRef.extend({ reason: text(500).min(3, { error: 'errors.qc.reopenReason' }), secret: signingSecret })),
  /** Recomputes each signature's hash over what it signed: intact or broken. */
  'qc.signatureCheck': entry<R.QcSignatureView[]>()('query', QC_DESKS, inspectionRef),
  'qc.settings': entry<R.QcSettings>()('query', QC_DESKS, empty),
  /** Separation of duties: whoever recorded results may not sign the release (on by default). */
  'qc.setSeparateDuties': entry<R.Done>()('command', QC_SETTERS, z.object({ on: z.boolean({ error: 'errors.validation.required' }) }).strict()),
  /** QC plans (issue 17): the latest version per item and supplier, or every version with `history`. */
  'qc.plans.list': entry<R.QcPlanListRow[]>()('query', QC_PLAN_READERS, qcPlanList),
  'qc.plans.get': entry<R.QcPlanDetail>()('query', QC_PLAN_READERS, qcPlanRef),
  /** A first version, or a new one that supersedes the active version of the same item and supplier (inspections keep theirs). */
  'qc.plans.save': entry<R.QcPlanSaved>()('command', QC_PLAN_AUTHORS, qcPlanSave),
  'qc.plans.retire': entry<R.Done>()('command', QC_PLAN_AUTHORS, qcPlanRef),
  /** The active plan that applies to a lot: its supplier's own plan for the item first, else the item's (null: none). */
  'qc.plans.forLot': entry<R.QcPlanVersion | null>()('query', QC_PLAN_READERS, z.object({ lotId: id('lotId') }).strict()),
  // ── Certificates of analysis, supplier CoAs, re-test, retained samples (issue 17, items 5 and 8: src/app/qc/coa.ts, supplier-coa.ts, retest.ts, retained-samples.ts) ──
  /** The lot's certificate of analysis (PDF, base64) from its newest decided inspection; the signature's time also in `timeZone` (IANA, the desk's). */
  'qc.coa': entry<R.PdfDocument>()(
    'query',
    QC_DESKS,
    z.object({ lotId: id('lotId'), locale: z.enum(LOCALES).optional(), timeZone: text(64).optional() }).strict(),
  ),
  /** The supplier's CoA (PDF, PNG or JPEG) attached to a lot, at receipt or later. */
  'qc.attachSupplierCoa': entry<{ id: string }>()('command', QC_FILE_ATTACHERS, z.object({ lotId: id('lotId'), file: qcFile }).strict()),
  /** A lot's files: the supplier's CoA and the inspections' photos and files. */
  'qc.lotFiles': entry<R.QcFileView[]>()('query', QC_FILE_ATTACHERS, z.object({ lotId: id('lotId') }).strict()),
  /** Lots whose re-test window before expiry has begun, soonest expiry first. */
  'qc.retestDue': entry<R.RetestDueRow[]>()('query', QC_DESKS, empty),
  /** Opens a re-test inspection of a lot inside its window. */
  'qc.startRetest': entry<R.RetestStarted>()('command', QC_INSPECTORS, z.object({ lotId: id('lotId') }).strict()),
  /** After a released re-test: the lot's new expiry, signed with the password typed again; the old date is kept. */
  'qc.extendExpiry': entry<R.Done>()(
    'command',
    QC_INSPECTORS,
    z.object({ inspectionId: id('inspectionId'), newExpiry: calendarDate, reason: text(200).optional(), secret: signingSecret }).strict(),
  ),
  'qc.expiryHistory': entry<R.ExpiryChange[]>()('query', QC_DESKS, z.object({ lotId: id('lotId') }).strict()),
  /** A retained sample of a lot: how much, where it is kept, the day it may be destroyed. */
  'retainedSamples.record': entry<{ id: string }>()(
    'command',
    QC_INSPECTORS,
    z
      .object({
        lotId: id('lotId'),
        quantity,
        location: text(60).min(1, { error: 'errors.retained.location' }),
        destructionDate: calendarDate,
        note: text(200).optional(),
      })
      .strict(),
  ),
  /** A lot's retained samples, or (without lotId) every sample due for destruction. */
  'retainedSamples.list': entry<R.RetainedSampleView[]>()('query', QC_DESKS, z.object({ lotId: id('lotId').optional() }).strict()),
  'retainedSamples.destroy': entry<R.Done>()('command', QC_INSPECTORS, z.object({ sampleId: id('sampleId'), note: text(200).optional() }).strict()),

  // ── Devices and printing (issue 19, src/app/devices): per-station settings, what is connected, live tests, the print log ──
  /** This station's scanner, scale and printers (defaults when never set). */
  'devices.settings': entry<R.DeviceSettings>()('query', DEVICE_ADMINS, empty),
  'devices.saveSettings': entry<R.Done>()('command', DEVICE_ADMINS, deviceSettings),
  /** HID scanners and scales, serial ports, CUPS queues and the shell's system printers found now (the simulators too in demo mode). */
  'devices.list': entry<R.DeviceListView>()('query', DEVICE_ADMINS, empty),
  /** A stable weight from the station's scale (the live test; receiving and QC read weights the same way). */
  'devices.readScale': entry<R.WeightView>()('query', 'signed-in', empty),
  /** Demo mode: the simulated HID scanner sends these bytes; the scan as the station's HID code decoded it. */
  'devices.simulateScan': entry<R.ScanView>()('query', DEVICE_ADMINS, simulatedScan),
  /**
   * The station's device status (header) and the HID scans for the active screen: held up to
   * waitMs until a scan comes or a device changes. Scans go to this desk's own window only (IPC or
   * a browser on the desk), never to a PDA on the LAN.
   */
  'devices.events': entry<R.DeviceEventsView>()('query', 'signed-in', deviceEvents),
  /** A test label to the printer set for a document type; logged as a 'test' job. */
  'devices.testPrinter': entry<R.PrintJobView>()('command', DEVICE_ADMINS, printerRef),
  /** A lot label to the station's lot-label printer; a label printed before says "REPRINT n". */
  'print.lotLabel': entry<R.PrintJobView>()('command', 'signed-in', printLotLabel),
  /** A document to the printer chosen for its type (who may produce it may print it); printed before, it says "REPRINT n". */
  'print.ssccLabel': entry<R.PrintJobView>()('command', 'signed-in', printSsccLabel),
  'print.deliveryNote': entry<R.PrintJobView>()('command', 'signed-in', printDeliveryNote),
  'print.coa': entry<R.PrintJobView>()('command', QC_DESKS, printCoa),
  'print.recallReport': entry<R.PrintJobView>()('command', RECALLERS, printRecallReport),
  /** A failed job sent again, unchanged (same reprint number). */
  'print.retry': entry<R.PrintJobView>()('command', 'signed-in', printJobRef),
  'print.job': entry<R.PrintJobView>()('query', 'signed-in', printJobRef),
  'print.log': entry<R.PrintJobView[]>()('query', 'signed-in', printLogFilter),
} satisfies Record<string, Entry>;

export type Contract = typeof contract;
export type Name = keyof Contract;
export type Input<N extends Name> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends Name> = z.output<Contract[N]['input']>;
export type Result<N extends Name> = Exclude<Contract[N]['result'], undefined>;
export const NAMES = Object.keys(contract) as Name[];
