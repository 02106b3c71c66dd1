/**
 * The certificate of analysis (A4, pdfmake, the embedded CJK font), English or Simplified Chinese:
 * the item in both its names, the lot, supplier and supplier lot, dates and receipt; every
 * characteristic of the plan with its spec, method and result (each sample, or for a measured
 * value its n, mean, min and max) and whether it is in spec; the decision with its e-signature
 * (printed name, the instant in UTC and in the desk's time zone, the meaning, intact or broken);
 * the expiry dates a re-test replaced; and a GS1 DataMatrix of the lot, (01)(17)(10).
 */
import type { Column, Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CoaCharacteristic, CoaView } from '../contract/results';
import type { Locale } from '../i18n/locales';
import { formatCalendarDate } from '../i18n/format';
import { translate, unitName } from '../i18n/translate';
import { renderBarcodeModules } from './barcode';
import { barcodeCanvas } from './barcode-canvas';
import { PDF_FONT_FAMILY } from './fonts';
import { createPdfBuffer } from './pdf';

/** Samples up to which a non-measured result lists each sample; past that, how many gave each value. */
export const SAMPLES_LISTED = 10;
const MM = 72 / 25.4;
/** X-dimension of the DataMatrix: 0.5 mm, well inside GS1's 0.255–0.990 mm for general distribution scanning. */
const MATRIX_X_MM = 0.5;

export interface CoaData {
  locale: Locale;
  coa: CoaView;
  site: string;
  generatedAt: string;
  /** IANA zone of the desk: the signature's time is printed in UTC and in this zone. */
  timeZone: string;
}

export function coaDocument(data: CoaData): TDocumentDefinitions {
  const { locale, coa } = data;
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `documents.coa.${key}`, params);
  const date = (d: string | null) => (d ? formatCalendarDate(locale, d) : '—');
  const utc = (iso: string) => `${iso.replace('T', ' ').slice(0, 19)} UTC`;
  const local = (iso: string) =>
    new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: data.timeZone, timeZoneName: 'short' }).format(new Date(iso));
  // A spec's decimals are shown exactly; without them, up to 3.
  const formats = new Map<number | null, Intl.NumberFormat>();
  const num = (v: number, decimals: number | null) => {
    let f = formats.get(decimals);
    if (!f) formats.set(decimals, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals ?? 0, maximumFractionDigits: decimals ?? 3 })));
    return f.format(v);
  };
  const unitOf = (c: CoaCharacteristic) => (c.unit ? ` ${unitName(locale, c.unit)}` : '');
  const word = (value: string, c: CoaCharacteristic) => (c.kind === 'pass_fail' ? t(`passFail.${value}`) : value);

  const spec = (c: CoaCharacteristic): string => {
    if (c.kind === 'numeric' || c.kind === 'weight') {
      const parts: string[] = [];
      if (c.target !== null) parts.push(t('target', { value: `${num(c.target, c.decimals)}${unitOf(c)}` }));
      if (c.lowerLimit !== null && c.upperLimit !== null) parts.push(`${num(c.lowerLimit, c.decimals)} – ${num(c.upperLimit, c.decimals)}${unitOf(c)}`);
      else if (c.lowerLimit !== null) parts.push(`≥ ${num(c.lowerLimit, c.decimals)}${unitOf(c)}`);
      else if (c.upperLimit !== null) parts.push(`≤ ${num(c.upperLimit, c.decimals)}${unitOf(c)}`);
      return parts.join('\n') || t('recorded');
    }
    if (c.kind === 'choice') return t('accepted', { values: (c.accepted ?? []).join(', ') });
    if (c.kind === 'pass_fail') return t('passFail.pass');
    return t('recorded');
  };

  const result = (c: CoaCharacteristic): string => {
    if (c.results.length === 0) return t('notTested');
    if (c.summary && c.summary.n > 1) {
      const s = c.summary;
      return t('summary', { n: s.n, mean: `${num(s.mean, c.decimals === null ? null : c.decimals + 1)}${unitOf(c)}`, min: num(s.min, c.decimals), max: num(s.max, c.decimals) });
    }
    if (c.summary) return `${num(c.summary.mean, c.decimals)}${unitOf(c)}`;
    const values = c.results.map((r) => (r.value === null ? '—' : word(String(r.value), c)));
    if (values.length === 1) return values[0];
    if (values.length <= SAMPLES_LISTED) return c.results.map((r, i) => `#${r.sampleNo} ${values[i]}`).join('\n');
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].map(([v, n]) => `${v} ×${n}`).join('\n');
  };

  const verdict = (c: CoaCharacteristic): TableCell =>
    c.inSpec === null
      ? { text: t('notTested'), color: '#666666' }
      : c.inSpec
        ? { text: t('inSpec') }
        : { text: t('outOfSpec'), bold: true, color: '#b00020' };

  const nameOf = (en: string, zh: string | null) => (zh && zh !== en ? `${en}\n${zh}` : en);
  const charName = (c: CoaCharacteristic) => (locale === 'zh-CN' ? nameOf(c.nameZh ?? c.name, c.nameZh ? c.name : null) : nameOf(c.name, c.nameZh));

  const facts: [string, string][] = [
    [t('item'), `${coa.item.sku}\n${nameOf(coa.item.name, coa.item.nameZh)}`],
    [t('gtin'), coa.item.gtin ?? '—'],
    [t('lot'), coa.lot.code],
    [t('supplier'), coa.supplier ? `${nameOf(coa.supplier.name, coa.supplier.nameZh)} (${coa.supplier.code})` : '—'],
    [t('supplierLot'), coa.lot.supplierLot ?? '—'],
    [t('productionDate'), date(coa.lot.productionDate)],
    [t('expiryDate'), date(coa.lot.expiryDate)],
    [t('receipt'), coa.receipt ? t('receiptValue', { number: coa.receipt.number, date: date(coa.receipt.receivedAt.slice(0, 10)), quantity: `${num(coa.receipt.quantity, null)} ${unitName(locale, coa.item.unit)}` }) : t('madeHere')],
    [t('inspection'), t('inspectionValue', { number: coa.inspection.number, trigger: t(`triggers.${coa.inspection.trigger}`), version: coa.inspection.planVersion, lotSize: coa.inspection.lotSize, sampleSize: coa.inspection.sampleSize })],
  ];

  const barcode: Column = coa.gs1
    ? (() => {
        const symbol = renderBarcodeModules('gs1-datamatrix', coa.gs1);
        return { stack: [barcodeCanvas(symbol, MATRIX_X_MM * MM, { alignment: 'right' }), { text: coa.gs1, fontSize: 7, alignment: 'right', margin: [0, 3, 0, 0] }], width: 170 };
      })()
    : { text: t('noGtin'), fontSize: 8, italics: true, alignment: 'right', width: 170 };

  const head = (cells: string[]): TableCell[] => cells.map((c) => ({ text: c, bold: true, fillColor: '#eeeeee' }));
  const results: Content = coa.characteristics.length
    ? {
        table: {
          headerRows: 1,
          widths: [44, '*', 76, 90, 104, 62],
          body: [
            head([t('code'), t('characteristic'), t('method'), t('specification'), t('result'), t('verdict')]),
            ...coa.characteristics.map((c): TableCell[] => [
              c.code,
              `${charName(c)}${c.mandatory ? '' : `\n${t('optional')}`}${c.aql !== null ? `\nAQL ${num(c.aql, null)}` : ''}`,
              c.method ?? '—',
              spec(c),
              result(c),
              verdict(c),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: 8,
      }
    : { text: t('noCharacteristics'), italics: true };

  const sig = coa.signature;
  const signature: Content[] = sig
    ? [
        { text: t(`meanings.${sig.meaning}`, { name: sig.printedName }), bold: true },
        { text: t('signedAt', { utc: utc(sig.signedAt), local: local(sig.signedAt) }) },
        { text: t('meaningLine', { meaning: t(`decisions.${sig.meaning}`) }) },
        ...(sig.reason ? [{ text: t('reason', { reason: sig.reason }) } as Content] : []),
        sig.intact ? { text: t('intact') } : { text: t('broken'), bold: true, color: '#b00020' },
      ]
    : [{ text: t('unsigned'), italics: true }];

  const extensions: Content[] = coa.expiryChanges.length
    ? [
        { text: t('expiryHistory'), fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
        {
          table: {
            headerRows: 1,
            widths: [70, 70, '*', 90],
            body: [
              head([t('oldExpiry'), t('newExpiry'), t('extendedBy'), t('inspection')]),
              ...coa.expiryChanges.map((e): TableCell[] => [
                date(e.oldExpiry),
                date(e.newExpiry),
                `${e.printedName} · ${utc(e.changedAt)}${e.reason ? `\n${e.reason}` : ''}${e.intact ? '' : `\n${t('broken')}`}`,
                e.inspectionNumber ?? '—',
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 8,
        },
      ]
    : [];

  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 9 },
    // The decision's instant, not the time of printing: the same certificate renders to the same bytes.
    info: { title: `${t('title')} ${coa.lot.code}`, creationDate: new Date(coa.inspection.decidedAt) },
    footer: (page, pages) => ({
      columns: [{ text: `${data.site} · ${coa.inspection.number} · ${t('generated', { at: utc(data.generatedAt) })}`, fontSize: 7 }, { text: t('page', { page, pages }), alignment: 'right', fontSize: 7 }],
      margin: [36, 10, 36, 0],
    }),
    content: [
      {
        columns: [
          { stack: [{ text: t('title'), fontSize: 18, bold: true }, { text: t('subtitle', { site: data.site }), fontSize: 9, margin: [0, 2, 0, 0] }], width: '*' },
          barcode,
        ],
      },
      { table: { widths: [110, '*'], body: facts.map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: 'noBorders', margin: [0, 10, 0, 0] },
      { text: t('results'), fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
      results,
      { text: t('decision'), fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
      { text: t(`decisions.${coa.inspection.decision}`), fontSize: 12, bold: true, margin: [0, 0, 0, 4] },
      ...signature,
      ...extensions,
    ],
  };
}

export async function renderCoaPdf(data: CoaData): Promise<Buffer> {
  return createPdfBuffer(coaDocument(data));
}
