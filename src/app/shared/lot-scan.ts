/**
 * Which lots a scan names. Our lot labels carry the internal code in (10) beside the GTIN; a
 * supplier's label carries their lot in (10); a plain Code 128 carries just the internal code;
 * a pallet label's SSCC (00) names the lots received under it. Several lots come back when a
 * code is ambiguous (the same internal code for two items) or a pallet is mixed.
 */
import { AppError, fail } from '../../domain/errors';
import { parseScan } from '../../domain/gs1';
import { gs1CheckDigit, hasValidCheckDigit } from '../../domain/gs1/check-digit';
import type { Gs1Error } from '../../domain/gs1/types';
import { fromStored } from '../../domain/quantity';
import type { LotStock } from '../../contract/results';
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { reservedSql } from '../../store/free-stock';
import { LOT_SELECT, toLotView, type LotRow } from '../../store/lots';
import type { Handlers } from '../kernel/context';
import { scanError } from './scan-resolve';

/** An AIM symbology identifier such as ]C0 in front of a plain symbol's data. */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

function lotsWithStock(db: Db, rows: LotRow[], today: string): LotStock[] {
  const stock = statement(
    db,
    `SELECT b.location_id AS locationId, loc.code AS locationCode, b.quantity, ${reservedSql('l.no', 'loc.no')} AS reserved
     FROM balances b JOIN lots l ON l.id = b.lot_id JOIN locations loc ON loc.id = b.location_id WHERE b.lot_id = ? ORDER BY loc.code`,
  );
  return rows.map((r) => ({
    lot: toLotView(r, today),
    stock: (stock.all(r.id) as LotStock['stock']).map((s) => ({ ...s, quantity: fromStored(s.quantity), reserved: fromStored(s.reserved) })),
  }));
}

/** The lots received under a pallet's SSCC; none is an unknown pallet or case, not an unknown lot. */
function palletLots(db: Db, sscc: string): LotRow[] {
  const rows = statement(db, `${LOT_SELECT} JOIN received_units u ON u.lot_id = l.id WHERE u.sscc = ? ORDER BY l.code`).all(sscc) as LotRow[];
  if (rows.length === 0) throw fail.notFound('errors.inventory.ssccUnknown', { sscc }, 'scan');
  return rows;
}

/** Eighteen digits: an SSCC as its label prints it, without the AI. */
const BARE_SSCC = /^\d{18}$/;

/** An SSCC whose last digit is not its check digit, said in words instead of the parser's "AI (00) at character 22". */
function ssccCheckDigitError(sscc: string): AppError {
  return fail.validation('errors.inventory.ssccCheckDigit', 'scan', { sscc, expected: gs1CheckDigit(sscc.slice(0, -1)) });
}

/** The SSCC of a GS1 scan refused for its (00) check digit: the 18 digits ending where the parser found the bad digit. */
function badSsccOf(scan: string, error: Gs1Error): string | null {
  if (error.code !== 'check_digit' || error.ai !== '00' || !error.position) return null;
  const sscc = scan.slice(error.position - 18, error.position);
  return BARE_SSCC.test(sscc) ? sscc : null;
}

export function resolveLotScan(db: Db, scan: string, today: string, gsSubstitute?: string): { sscc: string | null; lots: LotStock[] } {
  const parsed = parseScan(scan, { gsSubstitute, today });
  let rows: LotRow[];
  let shown: string;
  let sscc = parsed.ok ? (parsed.sscc ?? null) : null;
  if (parsed.ok && parsed.batch) {
    // Our internal code or the supplier's lot, of the scanned GTIN's item when the label has one.
    rows = statement(
      db,
      `${LOT_SELECT} WHERE (l.code = @batch OR l.supplier_lot = @batch) AND (@gtin IS NULL OR i.gtin = @gtin) ORDER BY l.code = @batch DESC, l.created_at`,
    ).all({ batch: parsed.batch, gtin: parsed.gtin ?? null }) as LotRow[];
    shown = parsed.batch;
  } else if (parsed.ok && parsed.sscc) {
    rows = palletLots(db, parsed.sscc);
    shown = parsed.sscc;
  } else if (parsed.ok) {
    throw fail.validation('errors.inventory.scanNoLot', 'scan');
  } else {
    const text = scan.trim().replace(AIM_PREFIX, '');
    rows = statement(db, `${LOT_SELECT} WHERE l.code = ? ORDER BY l.created_at`).all(text) as LotRow[];
    if (rows.length === 0) {
      // 18 digits are the SSCC printed under a pallet label, typed without their (00).
      const typedSscc = BARE_SSCC.test(text) ? text : null;
      const wrong = typedSscc && !hasValidCheckDigit(typedSscc) ? typedSscc : badSsccOf(scan, parsed.error);
      if (wrong) throw ssccCheckDigitError(wrong);
      if (typedSscc) rows = palletLots(db, (sscc = typedSscc));
      // Text the parser refused for a reason other than "not GS1" was meant as GS1: say what is wrong with it.
      else if (parsed.error.code !== 'not_gs1') throw scanError(parsed.error);
    }
    shown = text;
  }
  if (rows.length === 0) throw fail.notFound('errors.inventory.lotScanUnknown', { scan: shown }, 'scan');
  return { sscc, lots: lotsWithStock(db, rows, today) };
}

/** Keeps the SSCC a received lot arrived under (when the receiving scan had one) for putaway by pallet label. */
export function rememberReceivedUnit(db: Db, parsed: ReturnType<typeof parseScan>, lotId: string): void {
  if (parsed.ok && parsed.sscc) db.prepare('INSERT OR IGNORE INTO received_units (sscc, lot_id) VALUES (?, ?)').run(parsed.sscc, lotId);
}

export const lotScanHandlers = {
  'inventory.scanLot': (ctx, input) => {
    try {
      return resolveLotScan(ctx.station.db, input.scan, ctx.today, input.gsSubstitute);
    } catch (err) {
      // At a bin step a code that names no lot is most likely a bin label we do not know: say that.
      if (input.binStep && err instanceof AppError && err.data.key === 'errors.inventory.lotScanUnknown') {
        throw fail.notFound('errors.putaway.unknownBin', { bin: input.scan.trim().replace(AIM_PREFIX, '') }, 'scan');
      }
      throw err;
    }
  },
} satisfies Partial<Handlers>;
