/**
 * The OpenAPI 3.1 document of the ERP API, made from the route table and its zod schemas
 * (z.toJSONSchema): nothing in it is written by hand twice. Schemas named with `.meta({ id })`
 * become components; request bodies and parameters are described as the centre reads them
 * (io 'input': defaults optional), responses as it writes them.
 */
import { z } from 'zod';
import { ERP_ROUTES, type ErpRoute } from './routes';
import { applicationOut, errorOut, receiptOut, recallOut, refusalOut, shipmentOut, type WebhookEventType } from './schemas';

export const OPENAPI_PATH = '/erp/v1/openapi.json';
type Json = Record<string, unknown>;

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(v)]),
    );
  }
  return node;
}

class Components {
  readonly schemas: Record<string, Json> = {};

  /** The JSON Schema of `schema`, its named parts moved to components (one definition each). */
  of(schema: z.ZodType, io: 'input' | 'output'): Json {
    const { $schema: _, $defs, ...root } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json & { $defs?: Record<string, Json> };
    for (const [name, def] of Object.entries($defs ?? {})) {
      const clean = rewriteRefs(def) as Json;
      const had = this.schemas[name];
      if (had && JSON.stringify(had) !== JSON.stringify(clean)) throw new Error(`OpenAPI: two different schemas named ${name}`);
      this.schemas[name] = clean;
    }
    return rewriteRefs(root) as Json;
  }
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function parameters(c: Components, where: 'path' | 'query', schema: z.ZodType | undefined): Json[] {
  if (!schema) return [];
  const json = c.of(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

function operation(c: Components, r: ErpRoute): Json {
  const errorRef = { $ref: '#/components/responses/Error' };
  const ok = r.response
    ? { description: 'OK', content: { 'application/json': { schema: c.of(r.response, 'output') } } }
    : { description: 'Done (no content)' };
  return {
    operationId: r.operationId,
    summary: r.summary,
    tags: [r.tag],
    security: r.auth === 'key' ? [{ apiKey: [] }] : [{ centralSession: [] }],
    parameters: [...parameters(c, 'path', r.params), ...parameters(c, 'query', r.query)],
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: c.of(r.body, 'input') } } } } : {}),
    responses: { [String(r.status)]: ok, '400': errorRef, '401': errorRef, '403': errorRef, '404': errorRef, '409': errorRef, '500': errorRef },
  };
}

export function buildOpenApi(routes: readonly ErpRoute[] = ERP_ROUTES): Json {
  const c = new Components();
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(c, r);
  paths[OPENAPI_PATH] = { get: { operationId: 'openApi', summary: 'This document.', tags: ['meta'], security: [], responses: { '200': { description: 'The OpenAPI 3.1 document' } } } };
  const errorSchema = c.of(errorOut, 'output');
  // What each webhook event POSTs (OpenAPI 3.1 `webhooks`): the one envelope, `data` by type.
  const payloads: Record<WebhookEventType, z.ZodType> = { 'receipt.created': receiptOut, 'shipment.created': shipmentOut, 'lot.recalled': recallOut, 'order.refused': refusalOut, 'order.applied': applicationOut };
  const webhooks = Object.fromEntries(
    Object.entries(payloads).map(([type, data]) => [
      type,
      {
        post: {
          summary: `${type}: signed with X-LotDesk-Signature, deduplicated on X-LotDesk-Event-Id; answer 2xx.`,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['id', 'type', 'createdAt', 'data'], properties: { id: { type: 'string' }, type: { const: type }, createdAt: { type: 'string' }, data: c.of(data, 'output') } },
              },
            },
          },
          responses: { '200': { description: 'Received (any 2xx)' } },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'LotDesk central ERP API',
      version: '1.0.0',
      description:
        'Items, parties, purchase and sales orders in (idempotent PUT by your own id); receipts, shipments, lots and trace out; desk refusals per order and their later applications; webhooks on receipt, shipment, recall, order refusal and order applied later. Errors carry an i18n key and a message in English or Simplified Chinese (Accept-Language: zh-CN).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    webhooks,
    components: {
      schemas: c.schemas,
      responses: { Error: { description: 'A typed error', content: { 'application/json': { schema: errorSchema } } } },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'ldk_…', description: 'An integration key from `npx lotdesk central api-key create`.' },
        centralSession: { type: 'apiKey', in: 'cookie', name: 'lotdesk_central', description: 'A central admin signed in (POST /central/v1/sign-in).' },
      },
    },
  };
}
