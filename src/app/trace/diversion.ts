/**
 * `trace.diversion` (防窜货, issue 16): goods of ours found on a market. The lot is named by a code,
 * a GS1 label or an SSCC (of a case we packed: its lots; of a pallet we received: through the
 * trace's own scan resolution); the forward trace of each lot gives the shipments of the lot and
 * its descendants, grouped by customer, region, channel and unit. Flagged when none of them went
 * to the region the goods were found in. A region no customer of ours is in is not refused: it is
 * the plainest case of diversion, said as such (`regionKnown: false`).
 */
import { parseScan } from '../../domain/gs1';
import type { DiversionDestination, DiversionResult, TraceRegion, TraceShipment } from '../../contract/results';
import type { ParsedInput } from '../../contract/contract';
import type { Db } from '../../store/db';
import { customerRegions, packedCase, regionOfSomeParty } from '../../store/trace-diversion';
import type { Handlers } from '../kernel/context';
import { traceLot } from './trace-lot';
import { lotNamed, traceInputOf, type LotNamed } from './lot-named';

const BARE_SSCC = /^\d{18}$/;
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Regions compare trimmed and without regard to case ("cn-sh" is CN-SH). */
export const sameRegion = (a: string | null, b: string): boolean => a !== null && a.trim().toUpperCase() === b.trim().toUpperCase();

/** The lot references the input stands for: one, or the lots of a case we packed when the scan is its SSCC. */
function lotsNamed(db: Db, input: ParsedInput<'trace.diversion'>, today: string): { refs: LotNamed[]; sscc: string | null } {
  const named = lotNamed(input);
  if (!('scan' in named)) return { refs: [named], sscc: null };
  const parsed = parseScan(named.scan, { gsSubstitute: named.gsSubstitute, today });
  const bare = named.scan.trim().replace(AIM_PREFIX, '');
  const sscc = parsed.ok ? (parsed.batch ? null : (parsed.sscc ?? null)) : BARE_SSCC.test(bare) ? bare : null;
  const packed = sscc ? packedCase(db, sscc) : null;
  if (packed && packed.lotIds.length > 0) return { refs: packed.lotIds.map((lotId) => ({ lotId })), sscc };
  return { refs: [named], sscc: null };
}

function destinations(shipments: TraceShipment[], region: string): DiversionDestination[] {
  const groups = new Map<string, DiversionDestination & { lots: Set<string>; numbers: Set<string> }>();
  for (const s of shipments) {
    const key = JSON.stringify([s.customerCode, s.region, s.channel, s.unit]);
    let g = groups.get(key);
    if (!g) {
      g = {
        customerCode: s.customerCode, customerName: s.customerName, region: s.region, channel: s.channel, inRegion: sameRegion(s.region, region),
        shipments: 0, quantity: 0, unit: s.unit, lotCodes: [], firstShippedAt: s.shippedAt, lastShippedAt: s.shippedAt, lots: new Set(), numbers: new Set(),
      };
      groups.set(key, g);
    }
    g.numbers.add(s.shipmentNumber);
    g.lots.add(s.lotCode);
    g.quantity += s.quantity;
    if (s.shippedAt < g.firstShippedAt) g.firstShippedAt = s.shippedAt;
    if (s.shippedAt > g.lastShippedAt) g.lastShippedAt = s.shippedAt;
  }
  return [...groups.values()]
    .map(({ lots, numbers, ...g }) => ({ ...g, shipments: numbers.size, quantity: Math.round(g.quantity * 1e6) / 1e6, lotCodes: [...lots].sort() }))
    .sort((a, b) => Number(b.inRegion) - Number(a.inRegion) || b.shipments - a.shipments || (a.customerCode ?? '').localeCompare(b.customerCode ?? ''));
}

export function diversionCheck(db: Db, input: ParsedInput<'trace.diversion'>, today: string): DiversionResult {
  const region = input.region.trim();
  const { refs, sscc } = lotsNamed(db, input, today);
  const traces = refs.map((ref) => traceLot(db, traceInputOf(ref, 'forward'), today));
  const lots = new Set<string>();
  const seen = new Set<string>();
  const shipments: TraceShipment[] = [];
  for (const t of traces) {
    lots.add(t.root.lotId);
    for (const n of t.nodes) lots.add(n.lotId);
    for (const s of t.shipments) {
      // A case of two lots traces both; a line reached from both is counted once.
      const key = `${s.shipmentNumber}\u0000${s.lotId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      shipments.push(s);
    }
  }
  const matching = shipments.filter((s) => sameRegion(s.region, region));
  const matchingNumbers = new Set(matching.map((s) => s.shipmentNumber));
  return {
    roots: traces.map((t) => t.root),
    sscc,
    region,
    regionKnown: matching.length > 0 || regionOfSomeParty(db, region),
    flagged: matching.length === 0,
    matchingShipments: matchingNumbers.size,
    destinations: destinations(shipments, region),
    totals: {
      lots: lots.size,
      shipments: new Set(shipments.map((s) => s.shipmentNumber)).size,
      customers: new Set(shipments.map((s) => s.customerCode)).size,
      regions: new Set(shipments.filter((s) => s.region).map((s) => s.region!.trim().toUpperCase())).size,
    },
  };
}

export function regions(db: Db): TraceRegion[] {
  return customerRegions(db);
}

export const diversionHandlers = {
  'trace.diversion': (ctx, input) => diversionCheck(ctx.station.db, input, ctx.today),
  'trace.regions': (ctx) => regions(ctx.station.db),
} satisfies Partial<Handlers>;
