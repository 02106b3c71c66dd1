/**
 * Unsaved cycle counts, one draft per bin, kept while the desk stays open: a counter who scans
 * another bin (or opens another screen) before saving finds the typed numbers again on the next
 * scan of the bin. Module state, so it outlives the view but not a reload; keyed by user, so the
 * next person at the desk never saves someone else's numbers.
 */
import type { LotView } from '../../src/contract/results';

export interface DraftLine {
  lot: LotView;
  counted: string;
}

const drafts = new Map<string, DraftLine[]>();
const key = (userId: string, binId: string) => `${userId}\u0000${binId}`;

/** Keeps the lines when anything was typed or a lot was scanned in; true when a draft was kept. */
export function keepDraft(userId: string, binId: string, lines: DraftLine[], sheetLotIds: ReadonlySet<string>): boolean {
  const worth = lines.some((l) => l.counted.trim() !== '' || !sheetLotIds.has(l.lot.id));
  if (worth) drafts.set(key(userId, binId), lines.map((l) => ({ lot: l.lot, counted: l.counted })));
  else drafts.delete(key(userId, binId));
  return worth;
}

/**
 * The sheet's lines with the draft's numbers, and the lots scanned into the draft after them;
 * `restored` says whether there was a draft.
 */
export function withDraft(userId: string, binId: string, sheet: LotView[]): { lines: DraftLine[]; restored: boolean } {
  const draft = drafts.get(key(userId, binId));
  const typed = new Map((draft ?? []).map((l) => [l.lot.id, l.counted]));
  const lines = sheet.map((lot) => ({ lot, counted: typed.get(lot.id) ?? '' }));
  for (const l of draft ?? []) if (!sheet.some((s) => s.id === l.lot.id)) lines.push({ lot: l.lot, counted: l.counted });
  return { lines, restored: draft !== undefined };
}

export function dropDraft(userId: string, binId: string): void {
  drafts.delete(key(userId, binId));
}
