/**
 * Desk sessions: an opaque random token per signed-in user, held in memory (a restart signs
 * everyone out, as a shared desk should). A session idle for longer than the station's idle
 * limit is over; each call refreshes it.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import type { Role } from '../../domain/roles';

export interface Session {
  userId: string;
  role: Role;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    private readonly idleMs: () => number,
  ) {}

  open(userId: string, role: Role): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId, role, lastSeen: this.clock.now().getTime() });
    return token;
  }

  /** The live session for a token, refreshed; 'expired' when it idled out, undefined when unknown. */
  touch(token: string | undefined): Session | 'expired' | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.clock.now().getTime();
    if (now - session.lastSeen > this.idleMs()) {
      this.sessions.delete(token);
      return 'expired';
    }
    session.lastSeen = now;
    return session;
  }

  close(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every session (the database was replaced by a restore: its users may differ). */
  closeAll(): void {
    this.sessions.clear();
  }

  /** Ends every session of a user (deactivated user, role change). */
  closeUser(userId: string): void {
    for (const [token, s] of this.sessions) if (s.userId === userId) this.sessions.delete(token);
  }
}
