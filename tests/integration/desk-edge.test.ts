/**
 * The desk's edge over HTTP (issue 18, item 3 and the envelope of item 4): a request naming a
 * foreign Host (a DNS-rebinding page) or a state change from a foreign Origin is refused before it
 * reaches the core, the guard header is still required, and every error fastify itself raises
 * (404, an oversized path, bad JSON, a body too large, a wrong content type, oversized headers)
 * answers in the contract's envelope with a key both languages translate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { createHttpServer, type HttpOptions } from '../../src/api/http';
import { CALL_HEADERS, listenLoopback, rawRequest, type RawResponse } from '../support/http-raw';
import { translate } from '../../src/i18n/translate';
import { hostAllowed, originAllowed, parseHost } from '../../src/api/edge';

const desks: TestDesk[] = [];
const servers: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of desks.splice(0)) d.close();
});

async function serve(options: HttpOptions = {}): Promise<{ desk: TestDesk; port: number }> {
  const desk = await openTestDesk();
  desks.push(desk);
  const app = await createHttpServer(desk.dispatch, options);
  servers.push(app);
  return { desk, port: await listenLoopback(app) };
}

const SIGN_IN = JSON.stringify({ username: 'clerk', secret: '1111' });

/** The answer is the contract's error envelope, with a key translated in both languages. */
function expectEnvelope(res: RawResponse, status: number, key: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json).toEqual({ ok: false, error: { code: expect.any(String), key, params: {} } });
  for (const locale of ['en', 'zh-CN'] as const) expect(translate(locale, key, {})).not.toBe(key);
}

describe('the Host a request names', () => {
  it('refuses a foreign host (a rebinding page) with 421 before the core: the right PIN signs nobody in, nothing is written', async () => {
    const { desk, port } = await serve();
    const before = snapshot(desk.db);
    for (const host of [`attacker.example:${port}`, `localhost.attacker.example:${port}`, `localhost:${port + 1}`, 'localhost', `127.0.0.2:${port}`, `[::2]:${port}`, 'bad host']) {
      const res = await rawRequest({ port, path: '/api/session.signIn', headers: { ...CALL_HEADERS, host }, body: SIGN_IN });
      expectEnvelope(res, 421, 'errors.api.foreignHost');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expectEnvelope(await rawRequest({ port, method: 'GET', path: '/', headers: { host: `attacker.example:${port}` } }), 421, 'errors.api.foreignHost');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('answers to loopback by name and address with its port, and to the names configured for the LAN', async () => {
    const { port } = await serve({ hosts: ['desk3.local'] });
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `desk3.local:${port}`, `DESK3.Local:${port}`]) {
      const res = await rawRequest({ port, path: '/api/station.status', headers: { ...CALL_HEADERS, host }, body: '{}' });
      expect(res.status, host).toBe(200);
    }
    expect((await rawRequest({ port, path: '/api/station.status', headers: { ...CALL_HEADERS, host: `desk4.local:${port}` }, body: '{}' })).status).toBe(421);
  });

  it('reads Host headers strictly (pure rules)', () => {
    expect(parseHost('Desk3.Local:8443', true)).toEqual({ name: 'desk3.local', port: 8443 });
    expect(parseHost('[::1]', true)).toEqual({ name: '[::1]', port: 443 });
    expect(parseHost('a b', false)).toBeNull();
    expect(parseHost('user@host:80', false)).toBeNull();
    expect(hostAllowed('localhost', 80, new Set(['localhost']), false)).toBe(true);
    expect(hostAllowed('localhost', 443, new Set(['localhost']), false)).toBe(false);
    expect(originAllowed('https://desk3.local', undefined, 'desk3.local:443', true)).toBe(true);
    expect(originAllowed('http://desk3.local', undefined, 'desk3.local:443', true)).toBe(false);
  });
});

describe('the Origin of a state change', () => {
  it('refuses a POST from another site, a sandboxed page or a cross-site fetch, writing nothing; the desk’s own page passes', async () => {
    const { desk, port } = await serve();
    const before = snapshot(desk.db);
    const own = `http://127.0.0.1:${port}`;
    const refused: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1:${port + 1}` },
      { origin: `https://127.0.0.1:${port}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: own, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of refused) {
      const res = await rawRequest({ port, path: '/api/session.signIn', headers: { ...CALL_HEADERS, ...headers }, body: SIGN_IN });
      expectEnvelope(res, 403, 'errors.api.foreignOrigin');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(snapshot(desk.db)).toEqual(before);
    const ok = await rawRequest({ port, path: '/api/session.signIn', headers: { ...CALL_HEADERS, origin: own, 'sec-fetch-site': 'same-origin' }, body: SIGN_IN });
    expect(ok.status).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    // The CSRF guard stays: the desk's own origin without the header is still refused.
    const noGuard = await rawRequest({ port, path: '/api/session.signIn', headers: { 'content-type': 'application/json', origin: own }, body: SIGN_IN });
    expectEnvelope(noGuard, 403, 'errors.api.missingGuard');
  });
});

describe('every error is an envelope', () => {
  it('answers an oversized path, unknown paths and methods, bad JSON, a wrong content type, a body too large and oversized headers in the contract shape', async () => {
    const { desk, port } = await serve();
    const before = snapshot(desk.db);
    const long = 'a'.repeat(5000);
    expectEnvelope(await rawRequest({ port, path: `/api/${long}`, headers: CALL_HEADERS, body: '{}' }), 414, 'errors.api.tooLong');
    expectEnvelope(await rawRequest({ port, method: 'GET', path: `/${long}` }), 404, 'errors.api.notFound');
    expectEnvelope(await rawRequest({ port, method: 'GET', path: '/api/station.status' }), 404, 'errors.api.notFound');
    expectEnvelope(await rawRequest({ port, method: 'PUT', path: '/api/station.status', headers: CALL_HEADERS, body: '{}' }), 404, 'errors.api.notFound');
    expectEnvelope(await rawRequest({ port, path: '/api/%E0%A4%A', headers: CALL_HEADERS, body: '{}' }), 400, 'errors.api.badRequest');
    expectEnvelope(await rawRequest({ port, path: '/api/session.signIn', headers: CALL_HEADERS, body: '{"username":' }), 400, 'errors.api.badRequest');
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      expectEnvelope(await rawRequest({ port, path: '/api/session.signIn', headers: { ...CALL_HEADERS, 'content-type': type }, body: SIGN_IN }), 415, 'errors.api.contentType');
    }
    expectEnvelope(await rawRequest({ port, path: '/api/session.signIn', headers: CALL_HEADERS, body: Buffer.alloc(49 * 1024 * 1024, 0x20) }), 413, 'errors.api.tooLarge');
    expectEnvelope(await rawRequest({ port, path: '/api/station.status', headers: { ...CALL_HEADERS, 'x-filler': 'x'.repeat(20_000) }, body: '{}' }), 431, 'errors.api.tooLarge');
    expect(snapshot(desk.db)).toEqual(before);
  });
});
