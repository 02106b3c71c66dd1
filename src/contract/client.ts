/**
 * The one typed client the renderer (and tests) use, over either transport. A transport only
 * moves an envelope; this turns error envelopes into ApiError so callers handle one shape.
 */
import type { ErrorData } from '../domain/errors';
import type { Envelope } from './envelope';
import type { Input, Name, Result } from './contract';

export type Transport = (name: string, input: unknown) => Promise<Envelope>;

export class ApiError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.key);
    this.name = 'ApiError';
  }
}

export interface Client {
  // `{} extends Input<N>`: an entry whose input has no required field may be called without one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  call<N extends Name>(name: N, ...input: {} extends Input<N> ? [Input<N>?] : [Input<N>]): Promise<Result<N>>;
}

export function createClient(transport: Transport): Client {
  return {
    async call(name, input?) {
      const envelope = await transport(name, input ?? {});
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.result as never;
    },
  };
}
