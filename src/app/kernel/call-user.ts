/** Who is calling: a signed-in session's user, read fresh on every call so a deactivated user stops at once. */
import { isLocale } from '../../i18n/locales';
import type { Db } from '../../store/db';
import { activeUserById, type UserRecord } from '../../store/users';
import type { CallUser } from './context';

export function toCallUser(user: UserRecord): CallUser {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, locale: isLocale(user.locale) ? user.locale : 'en' };
}

export function loadCallUser(db: Db, id: string): CallUser | null {
  const user = activeUserById(db, id);
  return user ? toCallUser(user) : null;
}
