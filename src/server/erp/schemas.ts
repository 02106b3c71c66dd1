/**
 * The ERP API's zod schemas (issue 20, item 8): the one source of both the request checks and the
 * OpenAPI document (openapi.ts turns them into JSON Schema), so the document never drifts from
 * what the centre accepts. Field rules are the desk's own (master-data-schemas.ts): an item the ERP
 * sends meets the same rule as an item a manager types.
 */
import { z } from 'zod';
import { itemFields, partyFields } from '../../contract/master-data-schemas';
import { calendarDate, text } from '../../contract/schemas';

/** The ERP's own id of a record: the key of the idempotent upsert. */
export const externalId = text(64)
  .min(1, { error: 'errors.validation.required' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, { error: 'errors.erp.badExternalId' })
  .meta({ description: "The ERP's own id of the record; a second PUT with it updates the same record." });

export const externalIdParams = z.object({ externalId }).strict();

export const itemIn = itemFields.meta({ id: 'ItemIn', description: 'An item, in the desk master-data shape.' });
export const partyIn = partyFields.meta({ id: 'PartyIn', description: 'A supplier or customer, in the desk master-data shape.' });

const orderLine = z
  .object({
    itemExternalId: externalId,
    quantity: z.number({ error: 'errors.quantity.notANumber' }).positive({ error: 'errors.quantity.notPositive' }).meta({ description: "In the item's unit (kg may have 3 decimals)." }),
    requestedDate: calendarDate.nullable().optional(),
  })
  .strict();

const orderFields = {
  number: text(32)
    .min(1, { error: 'errors.validation.required' })
    .regex(/^\S+$/, { error: 'errors.erp.badNumber' })
    .meta({ description: 'The document number the desks show and scan (unique per site).' }),
  partyExternalId: externalId,
  reference: text(64).nullable().optional(),
  status: z.enum(['open', 'cancelled'], { error: 'errors.erp.badOrderStatus' }).default('open'),
  lines: z.array(orderLine).min(1, { error: 'errors.erp.noLines' }).max(500, { error: 'errors.erp.tooManyLines' }),
};

export const purchaseOrderIn = z
  .object({ ...orderFields, expectedDate: calendarDate.nullable().optional() })
  .strict()
  .meta({ id: 'PurchaseOrderIn', description: 'A purchase order; its partyExternalId names a supplier.' });

export const salesOrderIn = z
  .object(orderFields)
  .strict()
  .meta({ id: 'SalesOrderIn', description: 'A sales order; its partyExternalId names a customer.' });

export const upsertResult = z
  .object({
    externalId: z.string(),
    id: z.string().meta({ description: "The centre's id of the record (the desks' id)." }),
    version: z.number().int(),
    outcome: z.enum(['created', 'updated', 'unchanged']),
  })
  .meta({ id: 'UpsertResult' });

export const pageQuery = z
  .object({
    after: z.coerce.number({ error: 'errors.erp.badCursor' }).int({ error: 'errors.erp.badCursor' }).min(0, { error: 'errors.erp.badCursor' }).default(0).meta({ description: 'The `next` of the page before; 0 or none: from the start.' }),
    limit: z.coerce.number({ error: 'errors.erp.badLimit' }).int({ error: 'errors.erp.badLimit' }).min(1, { error: 'errors.erp.badLimit' }).max(500, { error: 'errors.erp.badLimit' }).default(100),
  })
  .strict();

const movedLine = z.object({
  lotId: z.string(),
  lotCode: z.string(),
  itemId: z.string(),
  itemExternalId: z.string().nullable(),
  quantity: z.number().meta({ description: "In the item's unit." }),
  expiryDate: z.string().nullable(),
});

/** What a receipt and a shipment both carry: the desk document, its party and the lots moved. */
const movedDocument = {
  eventId: z.string().meta({ description: 'The id of the event that announced it (also the webhook event id).' }),
  id: z.string(),
  number: z.string(),
  station: z.string(),
  partyId: z.string().nullable(),
  partyExternalId: z.string().nullable(),
  lines: z.array(movedLine),
};

export const receiptOut = z
  .object({ ...movedDocument, receivedAt: z.string(), purchaseOrderId: z.string().nullable(), purchaseOrderExternalId: z.string().nullable() })
  .meta({ id: 'Receipt' });

export const shipmentOut = z
  .object({ ...movedDocument, shippedAt: z.string(), salesOrderId: z.string().nullable(), salesOrderExternalId: z.string().nullable() })
  .meta({ id: 'Shipment' });

export const recallOut = z
  .object({
    eventId: z.string(),
    lotId: z.string(),
    lotCode: z.string().nullable(),
    itemId: z.string().nullable(),
    status: z.string(),
    reason: z.string().nullable(),
    source: z.enum(['desk', 'centre']),
    at: z.string(),
  })
  .meta({ id: 'Recall' });

export const REFUSAL_REASONS = ['orderStarted', 'unknownItem', 'unknownParty', 'numberTaken', 'malformed', 'otherDocument'] as const;

/** The ERP order a desk refused or applied: its centre id, ERP id, kind and number. */
const orderNamed = { orderId: z.string(), orderExternalId: z.string(), kind: z.enum(['purchase_order', 'sales_order']), number: z.string() };

export const refusalOut = z
  .object({
    eventId: z.string().meta({ description: 'The id of the event that announced it (also the webhook event id of order.refused).' }),
    ...orderNamed,
    version: z.number().int().meta({ description: 'The version of the order the desk refused (the `version` of the PUT that made it).' }),
    station: z.string().meta({ description: 'The desk that refused it.' }),
    reason: z.string().meta({
      description:
        'orderStarted: the desk had received or shipped against the order (send the rest as a new order); unknownItem / unknownParty: the desk has no such item or party (it refused that master data, e.g. a SKU of its own; it applies the order once the item or party arrives); numberTaken: a desk document uses the number; malformed / otherDocument: the desk could not read it as this order.',
      examples: [...REFUSAL_REASONS],
    }),
    refusedAt: z.string(),
  })
  .meta({ id: 'OrderRefusal', description: 'A desk did not apply a version of an ERP order it pulled (webhook order.refused).' });

export const applicationOut = z
  .object({
    eventId: z.string().meta({ description: 'The id of the event that announced it (also the webhook event id of order.applied).' }),
    ...orderNamed,
    version: z.number().int().meta({ description: 'The version of the order the desk applied (the one it had refused, or a newer one pulled meanwhile).' }),
    station: z.string().meta({ description: 'The desk that applied it.' }),
    reason: z.string().meta({ description: 'What the desk had waited for: the reason of its refusal (unknownItem, unknownParty, …; see OrderRefusal).', examples: [...REFUSAL_REASONS] }),
    appliedAt: z.string(),
  })
  .meta({ id: 'OrderApplication', description: 'A desk applied a version of an ERP order it had refused, once what it waited for arrived (webhook order.applied); that version\'s refusal of the desk is over.' });

export const deskStateOut = z
  .object({
    station: z.string(),
    state: z.enum(['refused', 'applied']),
    version: z.number().int(),
    reason: z.string().meta({ description: 'refused: why; applied: what the desk had waited for.' }),
    at: z.string().meta({ description: 'When the desk refused or applied it.' }),
  })
  .meta({ id: 'OrderDeskState', description: "Where one desk that refused the order stands now: its latest refusal or application." });

export const orderOut = z
  .object({
    externalId: z.string(),
    id: z.string(),
    kind: z.enum(['purchase_order', 'sales_order']),
    number: z.string(),
    status: z.enum(['open', 'cancelled']),
    version: z.number().int(),
    updatedAt: z.string(),
    refusals: z.array(refusalOut).meta({ description: 'Each desk refusal, once per desk and version, oldest first.' }),
    applications: z.array(applicationOut).meta({ description: 'Each refused version a desk applied later, once per desk and version, oldest first.' }),
    desks: z.array(deskStateOut).meta({ description: 'Per desk that refused a version: refused or applied now (its latest of the two), by desk.' }),
  })
  .meta({ id: 'Order' });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), next: z.number().int().meta({ description: 'Pass as `after` for the next page.' }), hasMore: z.boolean() }).meta({ id });

export const receiptPage = page(receiptOut, 'ReceiptPage');
export const shipmentPage = page(shipmentOut, 'ShipmentPage');

export const lotOut = z
  .object({
    id: z.string(),
    code: z.string(),
    itemId: z.string(),
    itemExternalId: z.string().nullable(),
    status: z.string(),
    expiryDate: z.string().nullable(),
    supplierLot: z.string().nullable(),
    quantity: z.number().meta({ description: "On hand over the site's desks, in the item's unit." }),
  })
  .meta({ id: 'Lot' });

export const lotQuery = z
  .object({
    code: text(64).optional(),
    itemExternalId: externalId.optional(),
    limit: z.coerce.number({ error: 'errors.erp.badLimit' }).int({ error: 'errors.erp.badLimit' }).min(1, { error: 'errors.erp.badLimit' }).max(500, { error: 'errors.erp.badLimit' }).default(100),
  })
  .strict();

export const lotList = z.object({ items: z.array(lotOut) }).meta({ id: 'LotList' });
export const lotIdParams = z.object({ lotId: text(64).min(1, { error: 'errors.validation.required' }) }).strict();

export const traceQuery = z.object({ direction: z.enum(['forward', 'backward', 'both'], { error: 'errors.erp.badDirection' }).default('both') }).strict();

export const traceOut = z
  .object({
    root: z.string(),
    lots: z.array(z.object({ id: z.string(), code: z.string(), itemId: z.string(), status: z.string(), depth: z.number().int() })),
    links: z.array(z.object({ parentLotId: z.string(), childLotId: z.string(), quantity: z.number() })),
    receipts: z.array(z.object({ receiptId: z.string(), lotId: z.string(), partyId: z.string().nullable(), partyExternalId: z.string().nullable(), quantity: z.number() })),
    shipments: z.array(z.object({ shipmentId: z.string(), lotId: z.string(), partyId: z.string().nullable(), partyExternalId: z.string().nullable(), quantity: z.number() })),
  })
  .meta({ id: 'Trace' });

export const WEBHOOK_EVENTS = ['receipt.created', 'shipment.created', 'lot.recalled', 'order.refused', 'order.applied'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const webhookIn = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'errors.erp.badUrl' }).max(500, { error: 'errors.validation.tooLong' }),
    secret: z.string({ error: 'errors.erp.badSecret' }).min(16, { error: 'errors.erp.badSecret' }).max(200, { error: 'errors.erp.badSecret' }).meta({ description: 'Signs every delivery (HMAC-SHA256); 16 characters at least.' }),
    events: z.array(z.enum(WEBHOOK_EVENTS, { error: 'errors.erp.badEvent' })).min(1, { error: 'errors.erp.badEvent' }).default([...WEBHOOK_EVENTS]),
  })
  .strict()
  .meta({ id: 'WebhookIn' });

export const webhookOut = z
  .object({ id: z.string(), url: z.string(), events: z.array(z.string()), createdAt: z.string() })
  .meta({ id: 'Webhook' });
export const webhookList = z.object({ items: z.array(webhookOut) }).meta({ id: 'WebhookList' });
export const webhookIdParams = z.object({ webhookId: text(64).min(1, { error: 'errors.validation.required' }) }).strict();

export const deliveryOut = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    tries: z.array(z.object({ attempt: z.number().int(), at: z.string(), httpStatus: z.number().int().nullable(), error: z.string().nullable(), ms: z.number().int() })),
  })
  .meta({ id: 'Delivery' });
export const deliveryList = z.object({ items: z.array(deliveryOut) }).meta({ id: 'DeliveryList' });
export const deliveryQuery = z.object({ status: z.enum(['pending', 'delivered', 'failed'], { error: 'errors.erp.badStatus' }).optional() }).strict();

export const errorOut = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'What a client acts on: validation, unauthenticated, forbidden, not_found, conflict, internal.' }),
      key: z.string().meta({ description: 'The i18n key of the message.' }),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      field: z.string().optional(),
      message: z.string().meta({ description: 'The message in English, or Simplified Chinese with Accept-Language: zh-CN.' }),
    }),
  })
  .meta({ id: 'Error' });

/** The admin endpoint's input: a new integration and its key. */
export const apiKeyIn = z
  .object({
    name: text(64).min(1, { error: 'errors.validation.required' }).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, { error: 'errors.erp.badName' }),
    siteCode: text(16).min(1, { error: 'errors.validation.required' }),
  })
  .strict();
