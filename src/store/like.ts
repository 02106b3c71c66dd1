/** Case-insensitive "contains" searches with LIKE: what a person types is matched literally. */

/** Follows a `… LIKE ?` so the pattern's escaped `%` and `_` match themselves. */
export const LIKE_ESCAPE = "ESCAPE '\\'";

/** The LIKE pattern of a value containing `text` (SQLite folds ASCII case only). */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
