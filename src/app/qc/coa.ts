/**
 * The certificate of analysis of a lot (issue 17, item 5): what the lot is, where it came from,
 * every characteristic of the plan version it was judged by with its spec, method and results,
 * the decision and its e-signature (intact or not), and a GS1 DataMatrix of the lot. Built from
 * the lot's newest decided inspection; a lot never decided has no certificate. The PDF itself is
 * src/documents/coa.ts.
 */
import { fail } from '../../domain/errors';
import { buildElementString, Gs1EncodeError } from '../../domain/gs1/encode';
import type { CoaCharacteristic, CoaView } from '../../contract/results';
import type { Db } from '../../store/db';
import { QTY_SCALE } from '../../domain/quantity';
import { coaLot, coaReceipt, newestDecidedInspection } from '../../store/qc-coa';
import { currentResults, inspectionById, type ResultRecord } from '../../store/qc-inspections';
import { planVersionById } from '../../store/qc-plans';
import type { PlanVersion } from '../../domain/qc/plan';
import { renderCoaPdf, type CoaData } from '../../documents/coa';
import type { Locale } from '../../i18n/locales';
import type { CallContext, Handlers } from '../kernel/context';
import { checkedSignatures, inspected } from './inspection-view';
import { expiryChanges } from './retest';

const NUMERIC = new Set(['numeric', 'weight']);

function characteristic(c: PlanVersion['characteristics'][number], results: ResultRecord[]): CoaCharacteristic {
  const numeric = NUMERIC.has(c.kind);
  const values = numeric ? results.map((r) => r.valueNum).filter((v): v is number => v !== null) : [];
  return {
    code: c.code,
    name: c.name,
    nameZh: c.nameZh,
    kind: c.kind,
    unit: c.unit,
    target: c.target,
    lowerLimit: c.lowerLimit,
    upperLimit: c.upperLimit,
    decimals: c.decimals,
    choices: c.choices,
    accepted: c.accepted,
    method: c.method,
    mandatory: c.mandatory,
    aql: c.aql,
    results: results.map((r) => ({ sampleNo: r.sampleNo, value: numeric ? r.valueNum : r.valueText, inSpec: r.inSpec })),
    summary: values.length
      ? { n: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) }
      : null,
    inSpec: results.length ? results.every((r) => r.inSpec) : null,
  };
}

/** The lot's GS1 data (01)(17)(10), or null when the item has no GTIN or the lot code cannot be carried. */
function gs1Of(gtin: string | null, expiry: string | null, batch: string): string | null {
  if (!gtin) return null;
  try {
    return buildElementString({ gtin, expiry: expiry ?? undefined, batch }).hri;
  } catch (err) {
    if (err instanceof Gs1EncodeError) return null;
    throw err;
  }
}

/** Everything the certificate prints; refused for an unknown lot or one without a decided inspection. */
export function coaView(db: Db, lotId: string): CoaView {
  const lot = coaLot(db, lotId);
  if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
  const insp = newestDecidedInspection(db, lotId);
  if (!insp) throw fail.rule('errors.qcCoa.notDecided', { lot: lot.lotCode }, 'lotId');
  const byCharacteristic = new Map<string, ResultRecord[]>();
  for (const r of currentResults(db, insp.id)) byCharacteristic.set(r.characteristicId, [...(byCharacteristic.get(r.characteristicId) ?? []), r]);
  // The decision's signature, checked against the results as they are now (qc-inspect's one definition of what was signed).
  const sig = checkedSignatures(db, inspectionById(db, insp.id)!).find((s) => s.current) ?? null;
  const receipt = coaReceipt(db, lotId);
  return {
    lot: { id: lot.lotId, code: lot.lotCode, status: lot.status, supplierLot: lot.supplierLot, productionDate: lot.productionDate, expiryDate: lot.expiryDate, bestBeforeDate: lot.bestBeforeDate },
    item: { sku: lot.sku, name: lot.itemName, nameZh: lot.itemNameZh, gtin: lot.gtin, unit: lot.unit },
    supplier: lot.supplierCode ? { code: lot.supplierCode, name: lot.supplierName ?? '', nameZh: lot.supplierNameZh } : null,
    receipt: receipt && { number: receipt.number, receivedAt: receipt.receivedAt, quantity: receipt.quantity / QTY_SCALE },
    inspection: { number: insp.number, trigger: insp.trigger, lotSize: insp.lotSize, sampleSize: insp.sampleSize, decision: insp.decision, decidedAt: insp.decidedAt, planVersion: insp.planVersion },
    characteristics: inspected(planVersionById(db, insp.planId)!).map((c) => characteristic(c, byCharacteristic.get(c.id) ?? [])),
    signature: sig && { printedName: sig.printedName, signedAt: sig.signedAt, meaning: sig.meaning, reason: sig.reason, intact: sig.intact },
    gs1: gs1Of(lot.gtin, lot.expiryDate, lot.lotCode),
    expiryChanges: expiryChanges(db, lotId),
  };
}

/** A time zone the desk names (IANA), checked so a typo is a translated refusal, not a crash. */
function checkedZone(zone: string | undefined): string {
  const fallback = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  if (!zone) return fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw fail.validation('errors.qcCoa.badTimeZone', 'timeZone', { zone });
  }
}

/** What the lot's certificate prints (for the screen and for a print job, src/app/devices/print-jobs.ts). */
export function coaData(ctx: CallContext, lotId: string, locale?: Locale, timeZone?: string): CoaData {
  return { locale: locale ?? ctx.user?.locale ?? 'en', coa: coaView(ctx.station.db, lotId), site: ctx.station.site() ?? '', generatedAt: ctx.now.toISOString(), timeZone: checkedZone(timeZone) };
}

export const coaHandlers = {
  'qc.coa': async (ctx, input) => {
    const data = coaData(ctx, input.lotId, input.locale, input.timeZone);
    const pdf = await renderCoaPdf(data);
    return { fileName: `coa-${data.coa.lot.code}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
