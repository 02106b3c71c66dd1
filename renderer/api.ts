/**
 * The renderer's one typed API client. In Electron the preload exposes `window.lotdesk.call`;
 * in serve mode (browser, PDA, end-to-end tests) the same envelope travels over HTTP.
 */
import { ApiError, createClient, type Transport } from '../src/contract/client';
import { HTTP_GUARD_HEADER, HTTP_PREFIX, type Envelope } from '../src/contract/envelope';
import type { ErrorData } from '../src/domain/errors';

declare global {
  interface Window {
    lotdesk?: { call(name: string, input: unknown): Promise<Envelope> };
  }
}

const NETWORK_ERROR: ErrorData = { code: 'internal', key: 'ui.error.network', params: {} };

/** JSON would turn a NaN (a number field typed as text) into null, which a nullable field reads as "clear"; as text the core refuses it, as it does over IPC. */
const keepNaN = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);

const httpTransport: Transport = async (name, input) => {
  let response: Response;
  try {
    response = await fetch(HTTP_PREFIX + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1' },
      body: JSON.stringify(input ?? {}, keepNaN),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
  try {
    return (await response.json()) as Envelope;
  } catch {
    return { ok: false, error: { code: 'internal', key: 'errors.internal', params: {} } };
  }
};

const ipcTransport: Transport = async (name, input) => {
  try {
    return await window.lotdesk!.call(name, input);
  } catch {
    return { ok: false, error: { code: 'internal', key: 'errors.internal', params: {} } };
  }
};

/** Called when any call reports that the session is over (expired, signed out elsewhere). */
let unauthenticatedHandler: ((error: ErrorData) => void) | null = null;
export function onUnauthenticated(handler: (error: ErrorData) => void): void {
  unauthenticatedHandler = handler;
}

const transport: Transport = async (name, input) => {
  const envelope = await (window.lotdesk ? ipcTransport : httpTransport)(name, input);
  if (!envelope.ok && envelope.error.code === 'unauthenticated' && name !== 'session.signIn') {
    unauthenticatedHandler?.(envelope.error);
  }
  return envelope;
};

export const api = createClient(transport);
export { ApiError };

/** The typed error of a failed call; anything unexpected becomes the generic internal error. */
export function errorData(err: unknown): ErrorData {
  if (err instanceof ApiError) return err.data;
  console.warn('lotdesk: unexpected error', err);
  return { code: 'internal', key: 'errors.internal', params: {} };
}
