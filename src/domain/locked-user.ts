import type { Role } from './roles';

/** A user whose PIN or password is locked now. */
export interface LockedUser {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Wrong secrets in a row since the user's last success. */
  failures: number;
  lockedUntil: string;
  /** Tries refused during this lock; the first has an audit record of its own, the rest are only counted here until the lock ends. */
  triesWhileLocked: number;
}
