/**
 * HTTP requests with every header under the test's control (fetch sets Host and Origin itself):
 * what an attacker's page, a rebinding DNS name or a broken client would send.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** SHA-256 fingerprint of the certificate the server presented (HTTPS only). */
  peerFingerprint?: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** HTTPS, trusting only this certificate (PEM) for the name `servername`. */
  tls?: { ca: string; servername: string };
}

export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port: r.port,
      method: r.method ?? 'POST',
      path: r.path ?? '/',
      headers: { host: `127.0.0.1:${r.port}`, ...(r.headers ?? {}) },
      ...(r.tls ? { ca: r.tls.ca, servername: r.tls.servername } : {}),
    };
    const req = (r.tls ? httpsRequest : httpRequest)(options, (res) => {
      const chunks: Buffer[] = [];
      const peerFingerprint = r.tls ? (res.socket as TLSSocket).getPeerCertificate().fingerprint256 : undefined;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, peerFingerprint });
      });
    });
    req.on('error', reject);
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

/** A contract call's headers: JSON and the guard header, as the desk's own page sends them. */
export const CALL_HEADERS = { 'content-type': 'application/json', 'x-lotdesk': '1' } as const;

/** Starts a test's HTTP transport on a free loopback port; the port. */
export async function listenLoopback(app: { listen(o: { host: string; port: number }): Promise<unknown>; server: { address(): unknown } }): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}
