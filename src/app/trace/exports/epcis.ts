/**
 * GS1 EPCIS 2.0 JSON-LD document of one or more root lots' traces, for a partner's traceability
 * system: an ObjectEvent per receipt line (bizStep receiving) and per shipment line (shipping), a
 * TransformationEvent per split, merge or transformation, an AggregationEvent per SSCC packed
 * (packing). Identifiers are GS1 Digital Link URIs (docs/DESIGN.md says why): lot-level classes
 * https://id.gs1.org/01/{GTIN}/10/{lot}, locations /414/{GLN}, parties /417/{GLN}, logistic units
 * /00/{SSCC}. Business transactions use the CBV 2.0 form urn:epcglobal:cbv:bt:{GLN}:{number}.
 * Valid against the official EPCIS 2.0 JSON schema (vendored under resources/epcis/).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../store/db';
import { traceEvents, type EventLot, type LotQuantity, type Place, type TraceEvents } from './trace-events';
import { siteOf, type ExportFile } from './fsma';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const DL = 'https://id.gs1.org';

/** UN/ECE Recommendation 20 codes of LotDesk's units; a unit without one leaves uom out (a count of instances, per EPCIS). */
const UOM: Record<string, string> = { kg: 'KGM', g: 'GRM', t: 'TNE', l: 'LTR', ml: 'MLT', m: 'MTR', pcs: 'H87', box: 'BX', case: 'CS' };

type Json = Record<string, unknown>;

function gtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}

/** The lot-level class of a lot: its GTIN and TLC as a Digital Link; without a GTIN, a LotDesk URN of the site, SKU and lot. */
export function epcClass(lot: EventLot, site: Place): string {
  if (lot.gtin) return `${DL}/01/${gtin14(lot.gtin)}/10/${encodeURIComponent(lot.tlc)}`;
  return `urn:lotdesk:class:${encodeURIComponent(site.code)}:${encodeURIComponent(lot.sku)}:${encodeURIComponent(lot.tlc)}`;
}

function locationId(p: Place, kind: 'location' | 'party'): string {
  if (p.gln) return `${DL}/${kind === 'location' ? '414' : '417'}/${p.gln}`;
  return `urn:lotdesk:${kind}:${encodeURIComponent(p.code || p.name)}`;
}

function bizTransaction(site: Place, type: string, number: string): Json {
  const owner = site.gln ?? '0000000000000';
  return { type, bizTransaction: `urn:epcglobal:cbv:bt:${owner}:${encodeURIComponent(number)}` };
}

/** A stable event id: the same trace exported twice gives the same ids, so a partner can deduplicate. */
function eventId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function quantity(e: TraceEvents, q: LotQuantity): Json {
  const lot = e.lots.get(q.lotId)!;
  const uom = UOM[lot.unit];
  return uom ? { epcClass: epcClass(lot, e.site), quantity: q.quantity, uom } : { epcClass: epcClass(lot, e.site), quantity: q.quantity };
}

/** `at` is a UTC instant: LotDesk keeps every time in UTC, so the offset is +00:00. */
function when(at: string): Json {
  return { eventTime: new Date(at).toISOString(), eventTimeZoneOffset: '+00:00' };
}

function parties(type: 'source' | 'destination', p: Place | null): Json[] {
  if (!p) return [];
  return [
    { type: 'owning_party', [type]: locationId(p, 'party') },
    { type: 'location', [type]: locationId(p, 'location') },
  ];
}

export function epcisEvents(e: TraceEvents): Json[] {
  const here = { readPoint: { id: locationId(e.site, 'location') }, bizLocation: { id: locationId(e.site, 'location') } };
  const events: Json[] = [];
  for (const r of e.receivings) {
    events.push({
      type: 'ObjectEvent', eventID: eventId('receiving', r.receiptNumber, r.lotId), ...when(r.at),
      quantityList: [quantity(e, r)], action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress', ...here,
      bizTransactionList: [bizTransaction(e.site, 'recadv', r.receiptNumber), ...(r.purchaseOrderNumber ? [bizTransaction(e.site, 'po', r.purchaseOrderNumber)] : [])],
      sourceList: parties('source', r.supplier),
      destinationList: parties('destination', e.site),
    });
  }
  for (const t of e.transformations) {
    events.push({
      type: 'TransformationEvent', eventID: eventId('transformation', t.documentNumber), ...when(t.at),
      inputQuantityList: t.inputs.map((i) => quantity(e, i)), outputQuantityList: t.outputs.map((o) => quantity(e, o)),
      bizStep: t.linkKind === 'transform' ? 'commissioning' : 'repackaging', disposition: 'active', ...here,
      bizTransactionList: [bizTransaction(e.site, 'prodorder', t.documentNumber)],
    });
  }
  for (const p of e.packings) {
    events.push({
      type: 'AggregationEvent', eventID: eventId('packing', p.sscc), ...when(p.at),
      parentID: `${DL}/00/${p.sscc}`, childQuantityList: p.contents.map((c) => quantity(e, c)), action: 'ADD', bizStep: 'packing', disposition: 'in_progress', ...here,
      ...(p.shipmentNumber ? { bizTransactionList: [bizTransaction(e.site, 'desadv', p.shipmentNumber)] } : {}),
    });
  }
  for (const s of e.shippings) {
    events.push({
      type: 'ObjectEvent', eventID: eventId('shipping', s.shipmentNumber, s.lotId, String(s.quantity)), ...when(s.at),
      quantityList: [quantity(e, s)], action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', ...here,
      bizTransactionList: [bizTransaction(e.site, 'desadv', s.shipmentNumber), ...(s.customerReference ? [bizTransaction(e.site, 'po', s.customerReference)] : [])],
      sourceList: parties('source', e.site),
      destinationList: parties('destination', s.customer),
    });
  }
  return events.sort((a, b) => ((a.eventTime as string) < (b.eventTime as string) ? -1 : (a.eventTime as string) > (b.eventTime as string) ? 1 : 0));
}

export function epcisDocument(e: TraceEvents, now: Date): Json {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: now.toISOString(),
    ...(e.site.gln ? { sender: locationId(e.site, 'party') } : {}),
    epcisBody: { eventList: epcisEvents(e) },
  };
}

/** The EPCIS 2.0 JSON-LD document of the root lots' traces, as UTF-8 bytes. `locale` names nothing in EPCIS (its vocabularies are codes); it is taken for one signature with the FSMA exporter. */
export function exportEpcis(db: Db, rootLotIds: string[], _locale: string, today: string, now: Date = new Date(), siteCode: string | null = null): ExportFile {
  const e = traceEvents(db, rootLotIds, siteCode ?? siteOf(db), today);
  const doc = epcisDocument(e, now);
  return { fileName: `EPCIS-${e.roots.map((r) => r.code).join('+')}-${today}.jsonld`, bytes: Buffer.from(JSON.stringify(doc, null, 2), 'utf8') };
}
