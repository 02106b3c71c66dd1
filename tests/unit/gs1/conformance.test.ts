/**
 * Conformance cases written from the GS1 General Specifications (AI formats, FNC1 rules, the
 * century rule 7.12, decimal-position AIs) and the Barcode Syntax Dictionary's linters and
 * req=/ex= rules. Each case names the expected elements or the expected error (code, AI, position).
 */
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../../../src/domain/gs1/check-digit';
import { parseScan, type Gs1Element, type Gs1Scan, type ParseOptions } from '../../../src/domain/gs1';

const ck = (body: string): string => body + gs1CheckDigit(body);
const GS = '\x1d';
const GTIN = '09506000134352';
const GTIN_B = '95060001343528';
const SSCC = ck('09506000134352000');
const GLN = '9506000134352';
const TODAY: ParseOptions = { today: '2026-11-25' };

type El = [ai: string, value: string, decoded?: Gs1Element['decoded']];
interface Ok {
  els: El[];
  sym?: Gs1Scan['symbology'];
  fields?: Partial<Omit<Gs1Scan, 'ok' | 'elements' | 'symbology'>>;
  opts?: ParseOptions;
}
interface Err {
  err: string;
  ai?: string;
  pos?: number;
  opts?: ParseOptions;
}
type Case = [name: string, input: string, expected: Ok | Err];

const g = (rest = ''): string => `(01)${GTIN}${rest}`;

const cases: Case[] = [
  // ── (00) SSCC ─────────────────────────────────────────────────────────────
  ['00 SSCC', `(00)${SSCC}`, { els: [['00', SSCC]], fields: { sscc: SSCC } }],
  ['00 check digit', `(00)${SSCC.slice(0, 17)}${(Number(SSCC[17]) + 1) % 10}`, { err: 'check_digit', ai: '00', pos: 22 }],
  ['00 too short', `(00)${SSCC.slice(0, 17)}`, { err: 'too_short', ai: '00' }],
  ['00 too long (HRI)', `(00)${SSCC}1`, { err: 'too_long', ai: '00' }],
  ['00 letter', `(00)${SSCC.slice(0, 5)}A${SSCC.slice(6)}`, { err: 'bad_char', ai: '00', pos: 10 }],
  ['00 raw then 02+37', `00${SSCC}02${GTIN}3712`, { els: [['00', SSCC], ['02', GTIN], ['37', '12', 12]], fields: { sscc: SSCC, gtin: GTIN, count: 12 } }],
  // ── (01) GTIN ─────────────────────────────────────────────────────────────
  ['01 GTIN', `01${GTIN}`, { els: [['01', GTIN]], sym: 'unknown', fields: { gtin: GTIN } }],
  ['01 second GTIN', `01${GTIN_B}`, { els: [['01', GTIN_B]] }],
  ['01 check digit', `0109506000134353`, { err: 'check_digit', ai: '01', pos: 16 }],
  ['01 too short at end', `010950600013435`, { err: 'too_short', ai: '01' }],
  ['01 GS inside fixed value', `01095060001${GS}34352`, { err: 'too_short', ai: '01' }],
  ['01 HRI too long', `(01)095060001343521`, { err: 'too_long', ai: '01' }],
  ['01 with 02 exclusive', `(01)${GTIN}(02)${GTIN}(37)5`, { err: 'exclusive', ai: '01' }],
  ['01 with 37 exclusive', `(01)${GTIN}(37)5`, { err: 'exclusive', ai: '01', pos: 2 }],
  // ── (02) + (37) ───────────────────────────────────────────────────────────
  ['02 needs 37', `(00)${SSCC}(02)${GTIN}`, { err: 'missing_required', ai: '02' }],
  ['02 with 37 and 00', `(00)${SSCC}(02)${GTIN}(37)48`, { els: [['00', SSCC], ['02', GTIN], ['37', '48', 48]], fields: { gtin: GTIN, count: 48 } }],
  ['02 check digit', `(02)09506000134351(37)1(00)${SSCC}`, { err: 'check_digit', ai: '02' }],
  ['37 needs 00+02', `(02)${GTIN}(37)10`, { err: 'missing_required', ai: '37' }],
  ['37 max 8 digits', `(00)${SSCC}(02)${GTIN}(37)99999999`, { els: [['00', SSCC], ['02', GTIN], ['37', '99999999', 99999999]] }],
  ['37 nine digits', `(00)${SSCC}(02)${GTIN}(37)123456789`, { err: 'too_long', ai: '37' }],
  ['37 not numeric', `(00)${SSCC}(02)${GTIN}(37)1A`, { err: 'bad_char', ai: '37' }],
  ['37 empty', `(00)${SSCC}(02)${GTIN}(37)`, { err: 'too_short', ai: '37' }],
  // ── (10) batch/lot ────────────────────────────────────────────────────────
  ['10 lot', g('(10)LOT-42/A'), { els: [['01', GTIN], ['10', 'LOT-42/A']], fields: { batch: 'LOT-42/A' } }],
  ['10 all CSET 82 punctuation', g(`(10)!"%&'*+,-./:;<=>?_`), { els: [['01', GTIN], ['10', `!"%&'*+,-./:;<=>?_`]] }],
  ['10 twenty chars', g('(10)ABCDEFGHIJ0123456789'), { els: [['01', GTIN], ['10', 'ABCDEFGHIJ0123456789']] }],
  ['10 twenty-one chars', g('(10)ABCDEFGHIJ0123456789X'), { err: 'too_long', ai: '10' }],
  ['10 space not CSET 82', g('(10)AB C'), { err: 'bad_char', ai: '10', pos: 25 }],
  ['10 hash not CSET 82', g('(10)AB#'), { err: 'bad_char', ai: '10' }],
  ['10 non-ASCII', g('(10)ABÇ'), { err: 'bad_char', ai: '10' }],
  ['10 empty (HRI)', g('(10)(17)271231'), { err: 'too_short', ai: '10' }],
  ['10 alone needs a GTIN', '(10)ABC', { err: 'missing_required', ai: '10', pos: 2 }],
  ['10 alone, associations off', '(10)ABC', { els: [['10', 'ABC']], opts: { requireAssociations: false } }],
  ['10 lot of digits that look like AIs (no GS)', `01${GTIN}10ABC17271231`, { els: [['01', GTIN], ['10', 'ABC17271231']], fields: { batch: 'ABC17271231' } }],
  ['10 numeric lot swallowing "17…" without GS', `01${GTIN}1012345617271231`, { els: [['01', GTIN], ['10', '12345617271231']] }],
  ['10 lot then GS then 17', `01${GTIN}10ABC${GS}17271231`, { els: [['01', GTIN], ['10', 'ABC'], ['17', '271231', '2027-12-31']] }],
  ['10 lot too long because GS is missing', `01${GTIN}10ABCDEFGHIJKLM17271231`, { err: 'too_long', ai: '10' }],
  ['10 HRI lot containing "(" that is not an AI', g('(10)A(B)C'), { els: [['01', GTIN], ['10', 'A(B)C']] }],
  // ── (11)(13)(15)(16)(17) dates ────────────────────────────────────────────
  ['11 production date', g('(11)250314'), { els: [['01', GTIN], ['11', '250314', '2025-03-14']], fields: { productionDate: '2025-03-14' } }],
  ['11 DD=00', g('(11)250200'), { els: [['01', GTIN], ['11', '250200', '2025-02-28']] }],
  ['11 month 13', g('(11)251301'), { err: 'bad_date', ai: '11' }],
  ['13 packaging date', g('(13)260101'), { els: [['01', GTIN], ['13', '260101', '2026-01-01']] }],
  ['13 day 32', g('(13)260132'), { err: 'bad_date', ai: '13' }],
  ['15 best before', g('(15)270630'), { els: [['01', GTIN], ['15', '270630', '2027-06-30']], fields: { bestBefore: '2027-06-30' } }],
  ['15 DD=00 in a 30-day month', g('(15)270400'), { els: [['01', GTIN], ['15', '270400', '2027-04-30']], fields: { bestBefore: '2027-04-30' } }],
  ['15 June 31', g('(15)270631'), { err: 'bad_date', ai: '15' }],
  ['16 sell by', g('(16)261224'), { els: [['01', GTIN], ['16', '261224', '2026-12-24']] }],
  ['16 month 00', g('(16)260012'), { err: 'bad_date', ai: '16' }],
  ['17 expiry', g('(17)271231'), { els: [['01', GTIN], ['17', '271231', '2027-12-31']], fields: { expiry: '2027-12-31' } }],
  ['17 DD=00 December', g('(17)271200'), { els: [['01', GTIN], ['17', '271200', '2027-12-31']], fields: { expiry: '2027-12-31' } }],
  ['17 DD=00 February, leap year', g('(17)280200'), { els: [['01', GTIN], ['17', '280200', '2028-02-29']] }],
  ['17 DD=00 February, common year', g('(17)270200'), { els: [['01', GTIN], ['17', '270200', '2027-02-28']] }],
  ['17 leap day 2028-02-29', g('(17)280229'), { els: [['01', GTIN], ['17', '280229', '2028-02-29']] }],
  ['17 2027-02-29 is no date', g('(17)270229'), { err: 'bad_date', ai: '17', pos: 23 }],
  ['17 2000-02-29 (century leap)', g('(17)000229'), { els: [['01', GTIN], ['17', '000229', '2000-02-29']] }],
  ['17 five digits', g('(17)27123'), { err: 'too_short', ai: '17' }],
  ['17 letter', g('(17)27I231'), { err: 'bad_char', ai: '17' }],
  ['17 needs a GTIN', '(17)271231', { err: 'missing_required', ai: '17' }],
  ['17 with content GTIN on an SSCC label', `(00)${SSCC}(02)${GTIN}(37)4(17)270101`, { els: [['00', SSCC], ['02', GTIN], ['37', '4', 4], ['17', '270101', '2027-01-01']] }],
  // century rule (GS 7.12), today 2026: YY up to 76 is 20YY, 77 and above 19YY
  ['century: 76 is 2076', g('(17)760101'), { els: [['01', GTIN], ['17', '760101', '2076-01-01']] }],
  ['century: 77 is 1977', g('(17)770101'), { els: [['01', GTIN], ['17', '770101', '1977-01-01']] }],
  ['century: 99 is 1999', g('(11)991231'), { els: [['01', GTIN], ['11', '991231', '1999-12-31']] }],
  ['century in 2060: 10 is 2110', g('(17)100101'), { els: [['01', GTIN], ['17', '100101', '2110-01-01']], opts: { today: '2060-06-01' } }],
  ['century in 2060: 11 is 2011', g('(17)110101'), { els: [['01', GTIN], ['17', '110101', '2011-01-01']], opts: { today: '2060-06-01' } }],
  ['century in 2061: 11 is 2111', g('(17)110101'), { els: [['01', GTIN], ['17', '110101', '2111-01-01']], opts: { today: '2061-01-01' } }],
  ['century in 2061: 12 is 2012', g('(17)120101'), { els: [['01', GTIN], ['17', '120101', '2012-01-01']], opts: { today: '2061-01-01' } }],
  ['century in 2099: 49 is 2149', g('(17)490101'), { els: [['01', GTIN], ['17', '490101', '2149-01-01']], opts: { today: '2099-01-01' } }],
  ['century in 2099: 50 is 2050', g('(17)500101'), { els: [['01', GTIN], ['17', '500101', '2050-01-01']], opts: { today: '2099-01-01' } }],
  ['century in 2001: 52 is 1952', g('(17)520101'), { els: [['01', GTIN], ['17', '520101', '1952-01-01']], opts: { today: '2001-01-01' } }],
  ['century in 2001: 51 is 2051', g('(17)510101'), { els: [['01', GTIN], ['17', '510101', '2051-01-01']], opts: { today: '2001-01-01' } }],
  // ── (21) serial ───────────────────────────────────────────────────────────
  ['21 serial', g('(21)SN123'), { els: [['01', GTIN], ['21', 'SN123']], fields: { serial: 'SN123' } }],
  ['21 twenty-one chars', g('(21)123456789012345678901'), { err: 'too_long', ai: '21' }],
  ['21 needs 01', '(21)X1', { err: 'missing_required', ai: '21' }],
  ['21 with 235 exclusive', g('(21)X1(235)TPX1'), { err: 'exclusive', ai: '21' }],
  // ── (30) variable count ───────────────────────────────────────────────────
  ['30 count', g('(30)25'), { els: [['01', GTIN], ['30', '25', 25]], fields: { count: 25 } }],
  ['30 eight digits', g('(30)12345678'), { els: [['01', GTIN], ['30', '12345678', 12345678]] }],
  ['30 nine digits', g('(30)123456789'), { err: 'too_long', ai: '30' }],
  ['30 letter', g('(30)1O'), { err: 'bad_char', ai: '30' }],
  // ── (310n)…(369n) measures ────────────────────────────────────────────────
  ['3100 kg, no decimals', g('(3100)000125'), { els: [['01', GTIN], ['3100', '000125', { value: 125, unit: 'kg' }]], fields: { netWeight: { value: 125, unit: 'kg' } } }],
  ['3101 kg, 1 decimal', g('(3101)001255'), { els: [['01', GTIN], ['3101', '001255', { value: 125.5, unit: 'kg' }]] }],
  ['3102 kg, 2 decimals', g('(3102)001250'), { els: [['01', GTIN], ['3102', '001250', { value: 12.5, unit: 'kg' }]] }],
  ['3103 kg, 3 decimals', g('(3103)001500'), { els: [['01', GTIN], ['3103', '001500', { value: 1.5, unit: 'kg' }]], fields: { netWeight: { value: 1.5, unit: 'kg' } } }],
  ['3104 kg, 4 decimals', g('(3104)012345'), { els: [['01', GTIN], ['3104', '012345', { value: 1.2345, unit: 'kg' }]] }],
  ['3105 kg, 5 decimals', g('(3105)123456'), { els: [['01', GTIN], ['3105', '123456', { value: 1.23456, unit: 'kg' }]] }],
  ['3106 is no AI', g('(3106)123456'), { err: 'unknown_ai', ai: '3106' }],
  ['3103 five digits', g('(3103)12345'), { err: 'too_short', ai: '3103' }],
  ['3103 raw: fixed length, next AI follows without GS', `01${GTIN}3103001500${'10'}L1`, { els: [['01', GTIN], ['3103', '001500', { value: 1.5, unit: 'kg' }], ['10', 'L1']] }],
  ['3102 with 3103 exclusive', g('(3102)001234(3103)001234'), { err: 'exclusive', ai: '3102' }],
  ['3102 repeated with the same value', g('(3102)001234(3102)001234'), { els: [['01', GTIN], ['3102', '001234', { value: 12.34, unit: 'kg' }]] }],
  ['3102 kg with 3202 lb', g('(3102)001234(3202)002720'), { els: [['01', GTIN], ['3102', '001234', { value: 12.34, unit: 'kg' }], ['3202', '002720', { value: 27.2, unit: 'lb' }]], fields: { netWeight: { value: 12.34, unit: 'kg' } } }],
  ['3202 lb', g('(3202)001000'), { els: [['01', GTIN], ['3202', '001000', { value: 10, unit: 'lb' }]], fields: { netWeight: { value: 10, unit: 'lb' } } }],
  ['3112 length m', g('(3112)000150'), { els: [['01', GTIN], ['3112', '000150', { value: 1.5, unit: 'm' }]] }],
  ['3122 width m', g('(3122)000080'), { els: [['01', GTIN], ['3122', '000080', { value: 0.8, unit: 'm' }]] }],
  ['3132 height m', g('(3132)000120'), { els: [['01', GTIN], ['3132', '000120', { value: 1.2, unit: 'm' }]] }],
  ['3142 area m2', g('(3142)000250'), { els: [['01', GTIN], ['3142', '000250', { value: 2.5, unit: 'm2' }]] }],
  ['3151 volume l', g('(3151)000015'), { els: [['01', GTIN], ['3151', '000015', { value: 1.5, unit: 'l' }]] }],
  ['3163 volume m3', g('(3163)001250'), { els: [['01', GTIN], ['3163', '001250', { value: 1.25, unit: 'm3' }]] }],
  ['3303 gross kg on SSCC', `(00)${SSCC}(3303)450000`, { els: [['00', SSCC], ['3303', '450000', { value: 450, unit: 'kg' }]] }],
  ['3303 needs 00 or 01', '(3303)450000', { err: 'missing_required', ai: '3303' }],
  ['3372 kg per m2', g('(3372)000075'), { els: [['01', GTIN], ['3372', '000075', { value: 0.75, unit: 'kg/m2' }]] }],
  ['3401 gross lb', g('(3401)001005'), { els: [['01', GTIN], ['3401', '001005', { value: 100.5, unit: 'lb' }]] }],
  ['3560 troy ounces', g('(3560)000010'), { els: [['01', GTIN], ['3560', '000010', { value: 10, unit: 'oz t' }]], fields: { netWeight: { value: 10, unit: 'oz t' } } }],
  ['3612 gallons', g('(3612)000550'), { els: [['01', GTIN], ['3612', '000550', { value: 5.5, unit: 'gal' }]] }],
  ['3650 cubic feet', g('(3650)000012'), { els: [['01', GTIN], ['3650', '000012', { value: 12, unit: 'ft3' }]] }],
  ['3695 yd3 logistic', g('(3695)100000'), { els: [['01', GTIN], ['3695', '100000', { value: 1, unit: 'yd3' }]] }],
  ['3922 price with 30', g('(30)2(3922)1999'), { els: [['01', GTIN], ['30', '2', 2], ['3922', '1999', 19.99]] }],
  ['3922 price needs a count or measure', g('(3922)1999'), { err: 'missing_required', ai: '3922' }],
  ['3932 price with currency', g('(3102)001000(3932)9781999'), { els: [['01', GTIN], ['3102', '001000', { value: 10, unit: 'kg' }], ['3932', '9781999', { value: 19.99, unit: '978' }]] }],
  ['3932 unknown currency', g('(3102)001000(3932)0001999'), { err: 'bad_currency', ai: '3932' }],
  // ── (400)…(403) ───────────────────────────────────────────────────────────
  ['400 order number', g('(400)PO-2026/117'), { els: [['01', GTIN], ['400', 'PO-2026/117']] }],
  ['400 thirty-one chars', g(`(400)${'A'.repeat(31)}`), { err: 'too_long', ai: '400' }],
  ['401 GINC', '(401)9506000ABC-1', { els: [['401', '9506000ABC-1']] }],
  ['401 GINC must start with a company prefix', '(401)X506000ABC', { err: 'bad_value', ai: '401' }],
  ['402 GSIN', `(402)${ck('9506000134352000')}`, { els: [['402', ck('9506000134352000')]] }],
  ['402 check digit', `(402)${'9506000134352000'}${(gs1CheckDigit('9506000134352000') + 1) % 10}`, { err: 'check_digit', ai: '402' }],
  ['402 sixteen digits', '(402)9506000134352000', { err: 'too_short', ai: '402' }],
  ['403 routing code with SSCC', `(00)${SSCC}(403)ROUTE7`, { els: [['00', SSCC], ['403', 'ROUTE7']] }],
  ['403 needs 00', g('(403)ROUTE7'), { err: 'missing_required', ai: '403' }],
  // ── (410)…(417) GLNs ──────────────────────────────────────────────────────
  ['410 ship to', `(00)${SSCC}(410)${GLN}`, { els: [['00', SSCC], ['410', GLN]], fields: { gln: GLN } }],
  ['411 bill to', `(411)${GLN}`, { els: [['411', GLN]] }],
  ['412 purchased from', g(`(412)${GLN}`), { els: [['01', GTIN], ['412', GLN]] }],
  ['413 ship for', `(413)${GLN}`, { els: [['413', GLN]] }],
  ['414 location', `(414)${GLN}`, { els: [['414', GLN]], fields: { gln: GLN } }],
  ['414 wins over 410 for gln', `(410)4006381333931(414)${GLN}`, { els: [['410', '4006381333931'], ['414', GLN]], fields: { gln: GLN } }],
  ['414 with 254 extension', `(414)${GLN}(254)DOCK-3`, { els: [['414', GLN], ['254', 'DOCK-3']] }],
  ['254 needs 414', '(254)DOCK-3', { err: 'missing_required', ai: '254' }],
  ['415 pay to needs 8020', `(415)${GLN}`, { err: 'missing_required', ai: '415' }],
  ['415 with 8020', `(415)${GLN}(8020)INV42`, { els: [['415', GLN], ['8020', 'INV42']] }],
  ['416 production location', g(`(416)${GLN}`), { els: [['01', GTIN], ['416', GLN]] }],
  ['417 party', `(417)${GLN}`, { els: [['417', GLN]] }],
  ['410 check digit', '(410)9506000134353', { err: 'check_digit', ai: '410', pos: 18 }],
  ['410 twelve digits', '(410)950600013435', { err: 'too_short', ai: '410' }],
  ['410 raw, GLNs back to back without GS', `410${GLN}411${GLN}`, { els: [['410', GLN], ['411', GLN]] }],
  // ── (420)…(422) ───────────────────────────────────────────────────────────
  ['420 postal code', `(00)${SSCC}(420)10115`, { els: [['00', SSCC], ['420', '10115']] }],
  ['420 with 421 exclusive', `(420)10115(421)27610115`, { err: 'exclusive', ai: '420' }],
  ['421 postal code with country', '(421)27610115', { els: [['421', '27610115']] }],
  ['421 unknown country', '(421)99910115', { err: 'bad_country', ai: '421', pos: 6 }],
  ['421 country without postal code', '(421)276', { err: 'too_short', ai: '421' }],
  ['422 origin', g('(422)156'), { els: [['01', GTIN], ['422', '156']] }],
  ['422 unknown country', g('(422)999'), { err: 'bad_country', ai: '422' }],
  ['422 two digits', g('(422)15'), { err: 'too_short', ai: '422' }],
  ['422 four digits', g('(422)1560'), { err: 'too_long', ai: '422' }],
  ['422 needs a GTIN', '(422)156', { err: 'missing_required', ai: '422' }],
  // ── (7003) expiry date and time, (8008) production date and time ─────────
  ['7003 expiry time', g('(7003)2712312359'), { els: [['01', GTIN], ['7003', '2712312359', '2027-12-31T23:59']] }],
  ['7003 hour 24', g('(7003)2712312400'), { err: 'bad_time', ai: '7003', pos: 31 }],
  ['7003 minute 60', g('(7003)2712312360'), { err: 'bad_time', ai: '7003' }],
  ['7003 DD=00 not allowed (yymmdd)', g('(7003)2712001200'), { err: 'bad_date', ai: '7003' }],
  ['7003 without time', g('(7003)271231'), { err: 'too_short', ai: '7003' }],
  ['8008 date and hour', g('(8008)27123108'), { els: [['01', GTIN], ['8008', '27123108', '2027-12-31T08']] }],
  ['8008 date, hour, minute', g('(8008)2712310830'), { els: [['01', GTIN], ['8008', '2712310830', '2027-12-31T08:30']] }],
  ['8008 with seconds', g('(8008)271231083059'), { els: [['01', GTIN], ['8008', '271231083059', '2027-12-31T08:30:59']] }],
  ['8008 odd length', g('(8008)271231083'), { err: 'too_short', ai: '8008' }],
  ['8008 hour 25', g('(8008)27123125'), { err: 'bad_time', ai: '8008' }],
  ['8008 second 60', g('(8008)271231083060'), { err: 'bad_time', ai: '8008' }],
  ['8008 raw then GS then lot', `01${GTIN}80082712310830${GS}10L7`, { els: [['01', GTIN], ['8008', '2712310830', '2027-12-31T08:30'], ['10', 'L7']] }],
  // ── other linters from the dictionary ─────────────────────────────────────
  ['8013 GMN check pair', '(8013)1987654Ad4X4bL5ttr2310c2K', { els: [['8013', '1987654Ad4X4bL5ttr2310c2K']] }],
  ['8013 GMN bad check pair', '(8013)1987654Ad4X4bL5ttr2310c2L', { err: 'check_digit', ai: '8013' }],
  ['8006 ITIP piece of total', `(8006)${GTIN}0102`, { els: [['8006', `${GTIN}0102`]] }],
  ['8006 piece above total', `(8006)${GTIN}0301`, { err: 'bad_value', ai: '8006' }],
  ['4321 yes/no', `(00)${SSCC}(4321)1`, { els: [['00', SSCC], ['4321', '1']] }],
  ['4321 neither yes nor no', `(00)${SSCC}(4321)2`, { err: 'bad_value', ai: '4321' }],
  ['4307 alpha-2 country', `(00)${SSCC}(4307)DE`, { els: [['00', SSCC], ['4307', 'DE']] }],
  ['4307 unknown alpha-2', `(00)${SSCC}(4307)XX`, { err: 'bad_country', ai: '4307' }],
  ['8007 IBAN', `(415)${GLN}(8020)I1(8007)DE89370400440532013000`, { els: [['415', GLN], ['8020', 'I1'], ['8007', 'DE89370400440532013000']] }],
  ['8007 IBAN checksum', `(415)${GLN}(8020)I1(8007)DE89370400440532013001`, { err: 'bad_value', ai: '8007' }],
  ['90 internal', '(90)ANYTHING', { els: [['90', 'ANYTHING']] }],
  ['99 internal', '(99)X', { els: [['99', 'X']] }],
  // ── unknown AIs ───────────────────────────────────────────────────────────
  ['unknown 2-digit prefix', `01${GTIN}05ABC`, { err: 'unknown_ai', ai: '05', pos: 17 }],
  ['unknown 3-digit AI', `01${GTIN}239X`, { err: 'unknown_ai', ai: '239' }],
  ['unknown 4-digit AI', g('(7099)X'), { err: 'unknown_ai', ai: '7099' }],
  ['not an AI after a GS', `01${GTIN}10A${GS}XYZ`, { err: 'unknown_ai', ai: 'XY', pos: 21 }],
  ['truncated AI at the end', `01${GTIN}10A${GS}4`, { err: 'unknown_ai', ai: '4' }],
  // ── duplicates ────────────────────────────────────────────────────────────
  ['same AI twice, same value', `01${GTIN}10L1${GS}01${GTIN}`, { els: [['01', GTIN], ['10', 'L1']] }],
  ['same AI twice, different values', `01${GTIN}10L1${GS}10L2`, { err: 'duplicate_ai', ai: '10', pos: 22 }],
  // ── symbology identifiers ─────────────────────────────────────────────────
  [']C1 GS1-128', `]C101${GTIN}10ABC${GS}17271231`, { els: [['01', GTIN], ['10', 'ABC'], ['17', '271231', '2027-12-31']], sym: 'GS1-128' }],
  [']d2 GS1 DataMatrix', `]d201${GTIN}17271231${'10'}X1`, { els: [['01', GTIN], ['17', '271231', '2027-12-31'], ['10', 'X1']], sym: 'GS1 DataMatrix' }],
  [']Q3 GS1 QR', `]Q301${GTIN}21S1`, { els: [['01', GTIN], ['21', 'S1']], sym: 'GS1 QR' }],
  [']e0 GS1 DataBar', `]e001${GTIN}`, { els: [['01', GTIN]], sym: 'GS1 DataBar' }],
  [']e0 DataBar Expanded with weight', `]e001${GTIN}3103001250`, { els: [['01', GTIN], ['3103', '001250', { value: 1.25, unit: 'kg' }]], sym: 'GS1 DataBar' }],
  [']E0 EAN-13', ']E04006381333931', { els: [['01', '04006381333931']], sym: 'EAN-13', fields: { gtin: '04006381333931' } }],
  [']E0 UPC-A as 13 digits', ']E00012345678905', { els: [['01', '00012345678905']], sym: 'UPC-A' }],
  [']E0 UPC-A as 12 digits', ']E0012345678905', { els: [['01', '00012345678905']], sym: 'UPC-A' }],
  [']E4 EAN-8', ']E495011011', { els: [['01', '00000095011011']], sym: 'EAN-8' }],
  [']E0 check digit', ']E04006381333932', { err: 'check_digit', ai: '01', pos: 16 }],
  [']E0 seven digits', ']E01234567', { err: 'bad_format' }],
  [']E0 letters', ']E0400638133393A', { err: 'bad_format' }],
  [']C0 plain Code 128', `]C001${GTIN}`, { err: 'not_gs1', pos: 1 }],
  [']d1 plain Data Matrix', `]d101${GTIN}`, { err: 'not_gs1' }],
  [']Q1 plain QR with text', ']Q1hello', { err: 'not_gs1' }],
  [']A0 Code 39', ']A0ABC', { err: 'not_gs1' }],
  [']C1 with HRI text', `]C1(01)${GTIN}`, { els: [['01', GTIN]], sym: 'GS1-128' }],
  [']C1 alone', ']C1', { err: 'empty' }],
  // ── input forms without a prefix ──────────────────────────────────────────
  ['no prefix, GS-separated', `01${GTIN}10ABC${GS}21S9`, { els: [['01', GTIN], ['10', 'ABC'], ['21', 'S9']], sym: 'unknown' }],
  ['bare EAN-13', '4006381333931', { els: [['01', '04006381333931']], sym: 'EAN-13' }],
  ['bare UPC-A', '012345678905', { els: [['01', '00012345678905']], sym: 'UPC-A' }],
  ['bare EAN-8', '95011011', { els: [['01', '00000095011011']], sym: 'EAN-8' }],
  ['bare EAN-13 check digit', '4006381333932', { err: 'check_digit', ai: '01', pos: 13 }],
  ['HRI', `(01)${GTIN}(10)ABC(17)271200`, { els: [['01', GTIN], ['10', 'ABC'], ['17', '271200', '2027-12-31']], sym: 'HRI', fields: { gtin: GTIN, batch: 'ABC', expiry: '2027-12-31' } }],
  ['HRI with unbalanced bracket', `(01${GTIN}`, { err: 'bad_format', pos: 1 }],
  ['HRI with 5-digit AI', `(01234)X`, { err: 'bad_format' }],
  ['text that is no GS1', 'hello world', { err: 'not_gs1', pos: 1 }],
  ['empty', '', { err: 'empty' }],
  ['only GS', `${GS}${GS}`, { err: 'empty' }],
  ['trailing Enter stripped', `01${GTIN}\r\n`, { els: [['01', GTIN]] }],
  // ── FNC1 / GS traps ───────────────────────────────────────────────────────
  ['trailing GS', `01${GTIN}10ABC${GS}`, { els: [['01', GTIN], ['10', 'ABC']] }],
  ['superfluous GS after a fixed-length AI', `01${GTIN}${GS}17271231${GS}10ABC`, { els: [['01', GTIN], ['17', '271231', '2027-12-31'], ['10', 'ABC']] }],
  ['leading GS (FNC1 in first position)', `${GS}01${GTIN}`, { els: [['01', GTIN]] }],
  ['doubled GS', `01${GTIN}10A${GS}${GS}21B`, { els: [['01', GTIN], ['10', 'A'], ['21', 'B']] }],
  ['GS substitute ~', `01${GTIN}10ABC~17271231`, { els: [['01', GTIN], ['10', 'ABC'], ['17', '271231', '2027-12-31']], opts: { gsSubstitute: '~' } }],
  ['GS substitute with AIM prefix', `]C101${GTIN}10ABC~21X`, { els: [['01', GTIN], ['10', 'ABC'], ['21', 'X']], sym: 'GS1-128', opts: { gsSubstitute: '~' } }],
  ['GS substitute of two characters', `01${GTIN}`, { err: 'bad_format', opts: { gsSubstitute: '~~' } }],
  ['without the substitute option ~ is a bad character', `01${GTIN}10ABC~17271231`, { err: 'bad_char', ai: '10', pos: 22 }],
  // ── GS1 Digital Link ──────────────────────────────────────────────────────
  ['DL GTIN', `https://id.gs1.org/01/${GTIN}`, { els: [['01', GTIN]], sym: 'Digital Link' }],
  ['DL lot and serial in order, expiry in query', `https://id.gs1.org/01/${GTIN}/10/ABC/21/S1?17=271200`, { els: [['01', GTIN], ['10', 'ABC'], ['21', 'S1'], ['17', '271200', '2027-12-31']], fields: { expiry: '2027-12-31' } }],
  ['DL any domain with a path prefix', `https://brand.example.com/products/x/01/${GTIN}/10/L1`, { els: [['01', GTIN], ['10', 'L1']] }],
  ['DL http and upper-case scheme', `HTTP://example.com/01/${GTIN}`, { els: [['01', GTIN]] }],
  ['DL GTIN-13 padded to 14', 'https://example.com/01/4006381333931', { els: [['01', '04006381333931']] }],
  ['DL GTIN-8 padded to 14', 'https://example.com/01/95011011', { els: [['01', '00000095011011']] }],
  ['DL qualifiers out of order', `https://example.com/01/${GTIN}/21/S1/10/ABC`, { err: 'bad_digital_link', ai: '10' }],
  ['DL CPV, lot, serial', `https://example.com/01/${GTIN}/22/V1/10/L1/21/S1`, { els: [['01', GTIN], ['22', 'V1'], ['10', 'L1'], ['21', 'S1']] }],
  ['DL mixing qualifier sequences', `https://example.com/01/${GTIN}/22/V1/235/T1`, { err: 'bad_digital_link', ai: '235' }],
  ['DL 235 alone', `https://example.com/01/${GTIN}/235/T1`, { els: [['01', GTIN], ['235', 'T1']] }],
  ['DL non-AI query params ignored', `https://example.com/01/${GTIN}?linkType=gs1:pip&utm_source=x&3103=000500`, { els: [['01', GTIN], ['3103', '000500', { value: 0.5, unit: 'kg' }]] }],
  ['DL numeric non-AI query param ignored', `https://example.com/01/${GTIN}?12345=x`, { els: [['01', GTIN]] }],
  ['DL percent-encoded lot', `https://example.com/01/${GTIN}/10/A%2FB%25`, { els: [['01', GTIN], ['10', 'A/B%']] }],
  ['DL percent-encoded query value', `https://example.com/01/${GTIN}?10=A%2BB`, { els: [['01', GTIN], ['10', 'A+B']] }],
  ['DL broken percent escape', `https://example.com/01/${GTIN}/10/A%G1`, { err: 'bad_digital_link', pos: 43 }],
  ['DL non-ASCII after decoding', `https://example.com/01/${GTIN}/10/%C3%A9`, { err: 'bad_char', ai: '10' }],
  ['DL serial not allowed as query attribute', `https://example.com/01/${GTIN}?21=S1`, { err: 'bad_digital_link', ai: '21' }],
  ['DL no primary key', 'https://example.com/products/123', { err: 'bad_digital_link' }],
  ['DL qualifier without a key', 'https://example.com/10/ABC', { err: 'bad_digital_link' }],
  ['DL no host', `https:///01/${GTIN}`, { err: 'bad_digital_link', pos: 9 }],
  ['DL fragment ignored', `https://example.com/01/${GTIN}#section`, { els: [['01', GTIN]] }],
  ['DL trailing slash', `https://example.com/01/${GTIN}/`, { els: [['01', GTIN]] }],
  ['DL check digit', 'https://example.com/01/09506000134353', { err: 'check_digit', ai: '01', pos: 37 }],
  ['DL bad date in query', `https://example.com/01/${GTIN}?17=270229`, { err: 'bad_date', ai: '17' }],
  ['DL same AI in path and query, same value', `https://example.com/01/${GTIN}/10/L1?10=L1`, { els: [['01', GTIN], ['10', 'L1']] }],
  ['DL same AI in path and query, different value', `https://example.com/01/${GTIN}/10/L1?10=L2`, { err: 'duplicate_ai', ai: '10' }],
  ['DL SSCC key', `https://example.com/00/${SSCC}`, { els: [['00', SSCC]], fields: { sscc: SSCC } }],
  ['DL SSCC takes no qualifiers', `https://example.com/00/${SSCC}/10/X`, { err: 'bad_digital_link', ai: '10' }],
  ['DL GLN with extension', `https://example.com/414/${GLN}/254/DOCK3`, { els: [['414', GLN], ['254', 'DOCK3']] }],
  ['DL query exclusive pair', `https://example.com/01/${GTIN}?3102=001000&3103=001000`, { err: 'exclusive', ai: '3102' }],
  ['DL in a plain QR (]Q1)', `]Q1https://example.com/01/${GTIN}/10/L9`, { els: [['01', GTIN], ['10', 'L9']], sym: 'Digital Link' }],
  ['DL lot too long', `https://example.com/01/${GTIN}/10/${'A'.repeat(21)}`, { err: 'too_long', ai: '10' }],
  ['DL empty query value', `https://example.com/01/${GTIN}?17=`, { err: 'too_short', ai: '17' }],
];

describe('GS1 conformance', () => {
  it('has at least 150 cases with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c[0])).size).toBe(cases.length);
  });

  it.each(cases)('%s', (_name, input, expected) => {
    const result = parseScan(input, { ...TODAY, ...expected.opts });
    if ('err' in expected) {
      expect(result.ok, JSON.stringify(result)).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(expected.err);
      if (expected.ai !== undefined) expect(result.error.ai).toBe(expected.ai);
      if (expected.pos !== undefined) expect(result.error.position).toBe(expected.pos);
      return;
    }
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const els = result.elements.map((e) => (e.decoded === undefined ? [e.ai, e.value] : [e.ai, e.value, e.decoded]));
    expect(els).toEqual(expected.els);
    if (expected.sym) expect(result.symbology).toBe(expected.sym);
    for (const [k, v] of Object.entries(expected.fields ?? {})) expect(result[k as keyof Gs1Scan], k).toEqual(v);
  });
});
