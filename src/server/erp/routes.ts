/**
 * The one table of the ERP API: each route's method, path, schemas and handler. Fastify routes
 * (plugin.ts) and the OpenAPI document (openapi.ts) are both made from it, so a route cannot be
 * served without being documented, nor documented with other schemas than it checks.
 */
import { z } from 'zod';
import * as s from './schemas';
import { putItem, putOrder, putParty, type Publish } from './inbound';
import { eventPage, getLot, getOrder, listLots, traceLot } from './outbound';
import { addWebhook, listDeliveries, listWebhooks, removeWebhook, retryDelivery } from './webhooks';
import { createApiKey, listApiKeys, revokeApiKey, type Integration } from './keys';
import type { Sql } from './sql';
import type { CentralAuditEntry } from '../central-audit';

/** Writes the audit row of an admin or webhook action in the route's transaction (who: the admin, else the integration). */
export type AuditWrite = (entry: Omit<CentralAuditEntry, 'by'>) => Promise<void>;

export interface Call<P, Q, B> {
  q: Sql;
  params: P;
  query: Q;
  body: B;
  /** The key's integration (auth 'key'); null on admin routes. */
  who: Integration;
  admin: { username: string } | null;
  publish: Publish;
  audit: AuditWrite;
}

export interface ErpRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Fastify syntax (`:name`); openapi.ts writes `{name}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: 'master data' | 'orders' | 'movements' | 'lots' | 'webhooks' | 'admin';
  /** 'key': an integration's API key (Bearer ldk_…); 'admin': the central admin's session. */
  auth: 'key' | 'admin';
  /** Writes run in one transaction; a failure leaves nothing behind. */
  write: boolean;
  params?: P;
  query?: Q;
  body?: B;
  status: number;
  response: z.ZodType | null;
  handler: (call: Call<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>;
}

const route = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(r: ErpRoute<P, Q, B>) => r as unknown as ErpRoute;

const ERP = '/erp/v1';
const ADMIN = '/central/v1/erp';

export const ERP_ROUTES: ErpRoute[] = [
  route({
    method: 'PUT', path: `${ERP}/items/:externalId`, operationId: 'putItem', tag: 'master data', auth: 'key', write: true,
    summary: 'Create or update an item by its ERP id (idempotent); the desks of the site get it at their next pull.',
    params: s.externalIdParams, body: s.itemIn, status: 200, response: s.upsertResult,
    handler: (c) => putItem(c.q, c.who, c.params.externalId, c.body, c.publish),
  }),
  route({
    method: 'PUT', path: `${ERP}/parties/:externalId`, operationId: 'putParty', tag: 'master data', auth: 'key', write: true,
    summary: 'Create or update a supplier or customer by its ERP id (idempotent).',
    params: s.externalIdParams, body: s.partyIn, status: 200, response: s.upsertResult,
    handler: (c) => putParty(c.q, c.who, c.params.externalId, c.body, c.publish),
  }),
  route({
    method: 'PUT', path: `${ERP}/purchase-orders/:externalId`, operationId: 'putPurchaseOrder', tag: 'orders', auth: 'key', write: true,
    summary: 'Create, update or cancel a purchase order by its ERP id; its supplier and items must have been sent first.',
    params: s.externalIdParams, body: s.purchaseOrderIn, status: 200, response: s.upsertResult,
    handler: (c) => putOrder(c.q, c.who, 'purchase_order', c.params.externalId, c.body, c.publish),
  }),
  route({
    method: 'PUT', path: `${ERP}/sales-orders/:externalId`, operationId: 'putSalesOrder', tag: 'orders', auth: 'key', write: true,
    summary: 'Create, update or cancel a sales order by its ERP id; its customer and items must have been sent first.',
    params: s.externalIdParams, body: s.salesOrderIn, status: 200, response: s.upsertResult,
    handler: (c) => putOrder(c.q, c.who, 'sales_order', c.params.externalId, c.body, c.publish),
  }),
  route({
    method: 'GET', path: `${ERP}/purchase-orders/:externalId`, operationId: 'getPurchaseOrder', tag: 'orders', auth: 'key', write: false,
    summary: 'A purchase order as the centre holds it (its version), with every desk refusal of a version of it (reason, desk, time), every refused version a desk applied later, and where each such desk stands now (refused or applied).',
    params: s.externalIdParams, status: 200, response: s.orderOut,
    handler: (c) => getOrder(c.q, c.who, 'purchase_order', c.params.externalId),
  }),
  route({
    method: 'GET', path: `${ERP}/sales-orders/:externalId`, operationId: 'getSalesOrder', tag: 'orders', auth: 'key', write: false,
    summary: 'A sales order as the centre holds it (its version), with every desk refusal of a version of it (reason, desk, time), every refused version a desk applied later, and where each such desk stands now (refused or applied).',
    params: s.externalIdParams, status: 200, response: s.orderOut,
    handler: (c) => getOrder(c.q, c.who, 'sales_order', c.params.externalId),
  }),
  route({
    method: 'GET', path: `${ERP}/receipts`, operationId: 'listReceipts', tag: 'movements', auth: 'key', write: false,
    summary: "The site's receipts (one per desk receiving transaction), oldest first, paged by `after`.",
    query: s.pageQuery, status: 200, response: s.receiptPage,
    handler: (c) => eventPage(c.q, c.who, 'receipt', c.query.after, c.query.limit),
  }),
  route({
    method: 'GET', path: `${ERP}/shipments`, operationId: 'listShipments', tag: 'movements', auth: 'key', write: false,
    summary: "The site's shipments, oldest first, paged by `after`.",
    query: s.pageQuery, status: 200, response: s.shipmentPage,
    handler: (c) => eventPage(c.q, c.who, 'shipment', c.query.after, c.query.limit),
  }),
  route({
    method: 'GET', path: `${ERP}/lots`, operationId: 'listLots', tag: 'lots', auth: 'key', write: false,
    summary: "Lots of the site with their status and the stock over the site's desks; by lot code or item.",
    query: s.lotQuery, status: 200, response: s.lotList,
    handler: (c) => listLots(c.q, c.who, c.query),
  }),
  route({
    method: 'GET', path: `${ERP}/lots/:lotId`, operationId: 'getLot', tag: 'lots', auth: 'key', write: false,
    summary: 'One lot.', params: s.lotIdParams, status: 200, response: s.lotOut,
    handler: (c) => getLot(c.q, c.who, c.params.lotId),
  }),
  route({
    method: 'GET', path: `${ERP}/lots/:lotId/trace`, operationId: 'traceLot', tag: 'lots', auth: 'key', write: false,
    summary: "A lot's descendants and ancestors over the centre's data, with the receipts and shipments of each.",
    params: s.lotIdParams, query: s.traceQuery, status: 200, response: s.traceOut,
    handler: (c) => traceLot(c.q, c.who, c.params.lotId, c.query.direction),
  }),
  route({
    method: 'POST', path: `${ERP}/webhooks`, operationId: 'addWebhook', tag: 'webhooks', auth: 'key', write: true,
    summary: 'Register a URL for receipt.created, shipment.created, lot.recalled, order.refused (a desk did not apply an order version: the OrderRefusal schema) and order.applied (it applied a refused version later: OrderApplication); each delivery is signed with the secret (X-LotDesk-Signature).',
    body: s.webhookIn, status: 201, response: s.webhookOut,
    handler: async (c) => {
      const hook = await addWebhook(c.q, c.who, c.body);
      // Never the secret: only the URL and the events.
      await c.audit({ action: 'erp_webhook_added', object: 'webhook', objectId: hook.id, before: null, after: { integration: c.who.name, url: hook.url, events: hook.events } });
      return hook;
    },
  }),
  route({
    method: 'GET', path: `${ERP}/webhooks`, operationId: 'listWebhooks', tag: 'webhooks', auth: 'key', write: false,
    summary: "This integration's webhooks.", status: 200, response: s.webhookList,
    handler: (c) => listWebhooks(c.q, c.who),
  }),
  route({
    method: 'DELETE', path: `${ERP}/webhooks/:webhookId`, operationId: 'removeWebhook', tag: 'webhooks', auth: 'key', write: true,
    summary: 'Remove a webhook; its pending deliveries are dropped, its history stays.',
    params: s.webhookIdParams, status: 204, response: null,
    handler: async (c) => {
      const gone = await removeWebhook(c.q, c.who, c.params.webhookId);
      await c.audit({ action: 'erp_webhook_removed', object: 'webhook', objectId: c.params.webhookId, before: { integration: c.who.name, url: gone.url, events: gone.events }, after: null });
    },
  }),
  route({
    method: 'GET', path: `${ERP}/webhooks/deliveries`, operationId: 'listDeliveries', tag: 'webhooks', auth: 'key', write: false,
    summary: "This integration's deliveries, newest first, each with every try (time, HTTP status, error).",
    query: s.deliveryQuery, status: 200, response: s.deliveryList,
    handler: (c) => listDeliveries(c.q, c.who, c.query.status),
  }),
  route({
    method: 'POST', path: `${ADMIN}/api-keys`, operationId: 'createApiKey', tag: 'admin', auth: 'admin', write: true,
    summary: 'Create an integration and its API key for one site (the key is shown once; only its hash is kept).',
    body: s.apiKeyIn, status: 201, response: z.object({ id: z.string(), name: z.string(), siteCode: z.string(), key: z.string() }),
    handler: async (c) => {
      const made = await createApiKey(c.q, c.body.name, c.body.siteCode, c.admin?.username ?? null);
      // Never the key: its prefix tells keys apart.
      await c.audit({ action: 'erp_key_created', object: 'erp_key', objectId: made.name, before: null, after: { id: made.id, siteCode: made.siteCode, keyPrefix: made.key.slice(0, 10) } });
      return made;
    },
  }),
  route({
    method: 'GET', path: `${ADMIN}/api-keys`, operationId: 'listApiKeys', tag: 'admin', auth: 'admin', write: false,
    summary: 'The integrations: name, site, key prefix, created, revoked, last used.', status: 200,
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), siteCode: z.string(), keyPrefix: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable() })) }),
    handler: async (c) => ({ items: await listApiKeys(c.q) }),
  }),
  route({
    method: 'DELETE', path: `${ADMIN}/api-keys/:name`, operationId: 'revokeApiKey', tag: 'admin', auth: 'admin', write: true,
    summary: "Revoke an integration's key: refused from its next request; its webhooks get nothing more.",
    params: z.object({ name: z.string().min(1) }).strict(), status: 204, response: null,
    handler: async (c) => {
      await revokeApiKey(c.q, c.params.name);
      await c.audit({ action: 'erp_key_revoked', object: 'erp_key', objectId: c.params.name, before: { revoked: false }, after: { revoked: true } });
    },
  }),
  route({
    method: 'GET', path: `${ADMIN}/deliveries`, operationId: 'listAllDeliveries', tag: 'admin', auth: 'admin', write: false,
    summary: 'Webhook deliveries of every integration, newest first, with their tries.',
    query: s.deliveryQuery, status: 200, response: s.deliveryList,
    handler: (c) => listDeliveries(c.q, null, c.query.status),
  }),
  route({
    method: 'POST', path: `${ADMIN}/deliveries/:deliveryId/retry`, operationId: 'retryDelivery', tag: 'admin', auth: 'admin', write: true,
    summary: 'Send a failed delivery once more.', params: z.object({ deliveryId: z.string().min(1) }).strict(), status: 204, response: null,
    handler: async (c) => {
      await retryDelivery(c.q, c.params.deliveryId);
      await c.audit({ action: 'erp_delivery_retried', object: 'delivery', objectId: c.params.deliveryId, before: { status: 'failed' }, after: { status: 'pending' } });
    },
  }),
];
