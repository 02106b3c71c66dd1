/**
 * SQL of the diversion check (防窜货, issue 16): the regions the desk's customers are in. The
 * shipments of a lot come from the trace itself (src/store/trace.ts); regions are compared
 * trimmed and without regard to case, as the check does.
 */
import type { Db } from './db';
import { statement } from './statements';

export interface RegionRecord {
  region: string;
  customers: number;
}

/** Every region some customer is in, with how many customers are there, by region. */
export function customerRegions(db: Db): RegionRecord[] {
  return statement(
    db,
    `SELECT MIN(TRIM(region)) AS region, COUNT(*) AS customers FROM parties
     WHERE kind = 'customer' AND region IS NOT NULL AND TRIM(region) <> ''
     GROUP BY UPPER(TRIM(region)) ORDER BY UPPER(TRIM(region))`,
  ).all() as RegionRecord[];
}

/** Whether a party (customer or supplier) names this region. */
export function regionOfSomeParty(db: Db, region: string): boolean {
  return statement(db, `SELECT 1 FROM parties WHERE region IS NOT NULL AND UPPER(TRIM(region)) = UPPER(TRIM(?)) LIMIT 1`).get(region) !== undefined;
}

export interface ShippedCaseRecord {
  sscc: string;
  shipmentNumber: string | null;
  customerCode: string | null;
  customerName: string | null;
  region: string | null;
  channel: string | null;
  shippedAt: string | null;
  lotIds: string[];
}

/** A case or pallet packed here (our outbound SSCC): the lots packed in it and the shipment it left in, if any. */
export function packedCase(db: Db, sscc: string): ShippedCaseRecord | null {
  const row = statement(
    db,
    `SELECT pk.id, pk.sscc, d.number AS shipmentNumber, p.code AS customerCode, p.name AS customerName, s.region, s.channel, s.shipped_at AS shippedAt
     FROM packages pk LEFT JOIN documents d ON d.id = pk.shipment_id LEFT JOIN shipments s ON s.document_id = pk.shipment_id
     LEFT JOIN parties p ON p.id = d.party_id WHERE pk.sscc = ?`,
  ).get(sscc) as (Omit<ShippedCaseRecord, 'lotIds'> & { id: string }) | undefined;
  if (!row) return null;
  const lotIds = (statement(db, 'SELECT lot_id AS lotId FROM package_lines WHERE package_id = ? ORDER BY lot_id').all(row.id) as { lotId: string }[]).map((r) => r.lotId);
  const { id: _id, ...rest } = row;
  return { ...rest, lotIds };
}
