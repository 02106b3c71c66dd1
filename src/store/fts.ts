/**
 * A search term as FTS5 data, never as query syntax: one phrase in double quotes (a `"` inside
 * doubled), so `*`, `NEAR`, `OR`, `:` or parentheses typed by a user are only characters to find.
 * FTS5 reads its query as a NUL-terminated string, so a term holding NUL cannot be said at all:
 * the answer is null and the caller finds nothing (the contract's text schemas refuse NUL first).
 */
export function ftsPhrase(term: string): string | null {
  if (term.includes('\u0000')) return null;
  return `"${term.replaceAll('"', '""')}"`;
}
