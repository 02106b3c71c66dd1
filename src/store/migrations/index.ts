/** Additive, numbered schema migrations; a migration's number is its position here (1-based). */
import m001 from './001-initial';

export const MIGRATIONS: readonly string[] = [m001];
