/**
 * The sync loop of one connected desk: a round is pull first (a central recall is in force before
 * anything else is sent), then push. Rounds run when the nudge stream says something changed,
 * when a command wrote to the outbox (`kick`), and every 30–60 s (jittered) as the backstop. A
 * failed round is retried with exponential backoff and full jitter (1 s … 60 s), so a hundred
 * desks coming back after an outage do not all knock at once.
 */
import type { Station } from '../app/kernel/station';
import { SyncError } from '../sync-protocol/errors';
import { NudgeSchema } from '../sync-protocol/messages';
import * as centre from './centre-client';
import { credentialPath, loadCredential, type SyncCredential } from './credential';
import { pullAll } from './puller';
import { pushAll } from './pusher';
import { noteError, setSetting, SYNC_KEYS } from './sync-settings';

export interface SyncRunnerOptions {
  /** Where the credential is (default: keys/sync-credential beside the database). */
  credentialFile?: string;
  /** Backstop poll, ms: a random value in [min, max]. */
  pollMs?: [number, number];
  /** Backoff after a failure: base and cap, ms. */
  backoffMs?: [number, number];
  /** Listen to the nudge stream (default true). */
  nudges?: boolean;
  random?: () => number;
}

export interface SyncRunner {
  /** Runs a round now (or right after the running one) and resolves when it ends. */
  now(): Promise<void>;
  /** Asks for a round soon, without waiting (a command wrote to the outbox). */
  kick(): void;
  online(): boolean;
  stop(): Promise<void>;
}

/** Delay before retry n (0-based): full jitter over min(cap, base·2ⁿ). */
export function backoffDelay(n: number, [base, cap]: [number, number], random: () => number = Math.random): number {
  return Math.round(random() * Math.min(cap, base * 2 ** n));
}

/** The error of a round as the desk shows it: an i18n key and its parameters. */
export function errorNote(err: unknown, at: string): { key: string; params: Record<string, string | number>; at: string } {
  if (err instanceof SyncError) return { key: err.key, params: err.params, at };
  if (err instanceof centre.CentreUnreachable) return { key: 'errors.syncDesk.unreachable', params: { detail: err.detail }, at };
  return { key: 'errors.syncDesk.failed', params: { detail: (err as Error)?.message ?? String(err) }, at };
}

export function authOf(c: SyncCredential): centre.CentreAuth {
  return { centreUrl: c.centreUrl, stationId: c.stationId, secret: c.secret };
}

export function startSync(station: Station, o: SyncRunnerOptions = {}): SyncRunner {
  const random = o.random ?? Math.random;
  const [pollMin, pollMax] = o.pollMs ?? [30_000, 60_000];
  const backoff = o.backoffMs ?? [1_000, 60_000];
  const file = o.credentialFile ?? credentialPath(station.file);
  let stopped = false;
  let isOnline = false;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let kicked: NodeJS.Timeout | null = null;
  const abort = new AbortController();

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void now(), ms);
    timer.unref?.();
  };

  const round = async () => {
    const credential = loadCredential(file);
    if (!credential) throw new SyncError('unauthenticated');
    const auth = authOf(credential);
    await pullAll(station, auth);
    await pushAll(station, auth, credential.centreId);
  };

  const now = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await round();
          if (stopped || !station.db.open) return;
          isOnline = true;
          failures = 0;
          station.db.transaction(() => {
            setSetting(station.db, SYNC_KEYS.lastSyncAt, station.clock.now().toISOString());
            noteError(station.db, null);
          }).immediate();
          schedule(pollMin + random() * (pollMax - pollMin));
        } catch (err) {
          if (stopped || !station.db.open) return;
          isOnline = !(err instanceof centre.CentreUnreachable);
          station.db.transaction(() => noteError(station.db, errorNote(err, station.clock.now().toISOString()))).immediate();
          schedule(backoffDelay(failures++, backoff, random));
          again = false;
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  // The nudge stream: each `event: change` asks for a round; a broken stream reconnects after a pause.
  const listen = async () => {
    let pause = 0;
    while (!stopped) {
      const credential = loadCredential(file);
      try {
        if (!credential) throw new SyncError('unauthenticated');
        const stream = await centre.openNudges(authOf(credential), abort.signal);
        pause = 0;
        // On (re)connect: a round at once — pull first, then push.
        void now();
        await readNudges(stream, () => void now());
      } catch {
        if (stopped) return;
      }
      await new Promise((r) => setTimeout(r, backoffDelay(pause++, [1_000, 30_000], random) + 250).unref?.());
    }
  };

  void now();
  if (o.nudges !== false) void listen();

  return {
    now,
    // Soon, not at once: a burst of commands is one round; never during a backoff (that is the point of it).
    kick: () => {
      if (stopped || failures > 0 || kicked) return;
      kicked = setTimeout(() => {
        kicked = null;
        void now();
      }, 200);
      kicked.unref?.();
    },
    online: () => isOnline,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (kicked) clearTimeout(kicked);
      abort.abort();
      await running?.catch(() => undefined);
    },
  };
}

/** Reads SSE frames; calls `onChange` for each `event: change` with a valid nudge. */
export async function readNudges(stream: ReadableStream<Uint8Array>, onChange: () => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      let data = '';
      for (const line of frame.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (event === 'change' && NudgeSchema.safeParse(safeJson(data)).success) onChange();
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
