/**
 * Report bytes recorded from real devices or printed in their makers' manuals. Each constant
 * names where it comes from; the decoders are tested on these, not on bytes we made up.
 */

/**
 * Honeywell Voyager 1602g in HID POS mode answering the REVINF. menu command: six 64-byte
 * Scanned Data Reports of one message (report id 2, byte 1 length, bytes 2–4 AIM "]X0", data,
 * byte 61 Honeywell Code ID '?', byte 63 bit 0 "more follows"), then the one-report ACK "]Z6".
 * Source: github.com/HenkVanAsselt/python_hon_usbhid README.md ("The REVINF. response is a
 * multipacket message"), captured with hidapi.
 */
export const HONEYWELL_1602G_REVINF: number[][] = [
  [2, 56, 93, 88, 48, 80, 114, 111, 100, 117, 99, 116, 32, 78, 97, 109, 101, 58, 32, 86, 111, 121, 97, 103, 101, 114, 32, 49, 54, 48, 50, 103, 13, 10, 66, 111, 111, 116, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 58, 32, 56, 57, 57, 50, 13, 10, 83, 111, 102, 116, 63, 0, 1],
  [2, 56, 93, 88, 48, 119, 97, 114, 101, 32, 80, 97, 114, 116, 32, 78, 117, 109, 98, 101, 114, 58, 32, 67, 87, 48, 48, 48, 48, 56, 50, 66, 66, 65, 13, 10, 83, 111, 102, 116, 119, 97, 114, 101, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 36, 80, 114, 111, 106, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 99, 116, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 49, 54, 51, 52, 53, 32, 13, 10, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 49, 53, 50, 51, 50, 66, 49, 70, 48, 67, 13, 10, 83, 117, 112, 112, 111, 114, 116, 101, 100, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 73, 70, 58, 32, 66, 108, 117, 101, 116, 111, 111, 116, 104, 13, 10, 80, 67, 66, 32, 65, 115, 115, 101, 109, 98, 108, 121, 32, 73, 68, 58, 32, 48, 48, 48, 48, 48, 48, 13, 10, 69, 110, 103, 105, 110, 101, 32, 70, 105, 114, 109, 119, 97, 114, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 84, 121, 112, 101, 58, 32, 78, 47, 65, 32, 32, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 78, 47, 65, 32, 32, 32, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 78, 47, 65, 32, 32, 32, 67, 104, 101, 99, 107, 115, 63, 0, 1],
  [2, 9, 93, 88, 48, 117, 109, 58, 32, 78, 47, 65, 13, 10, ...new Array<number>(47).fill(0), 63, 0, 0],
];
export const HONEYWELL_1602G_ACK: number[] = [2, 8, 93, 90, 54, 82, 69, 86, 73, 78, 70, 6, 46, ...new Array<number>(48).fill(0), 54, 0, 0];

/** The six REVINF reports' data joined, as the scanner meant it. */
export const HONEYWELL_1602G_REVINF_TEXT =
  'Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\nSoftware Part Number: CW000082BBA\r\nSoftware Revision: $ProjectRevision: 16345 \r\nSerial Number: 15232B1F0C\r\nSupported IF: Bluetooth\r\nPCB Assembly ID: 000000\r\nEngine Firmware Type: N/A   Revision: N/A   Serial Number: N/A   Checksum: N/A\r\n';

/** The Honeywell (HHP) scanned data report descriptor: in src/devices/simulators/hid.ts with its source. */
export { HONEYWELL_POS_DESCRIPTOR } from '../../../src/devices/simulators/hid';

/**
 * A descriptor laid out as the HID POS Usage Tables 1.02 example without a byte count: report id 2,
 * Symbology Identifier 1–3, 56 bytes Decoded Data, one Decode Data Continued bit and 7 bits of
 * padding (so data length comes from trimming trailing NULs). Written from the spec's usage
 * table (usb.org pos1_02.pdf, Bar Code Scanner page 0x8C).
 */
export const SPEC_POS_DESCRIPTOR_NO_COUNT = Uint8Array.from([
  0x05, 0x8c, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x12, 0xa1, 0x02, 0x85, 0x02, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x01,
  0x09, 0xfb, 0x81, 0x02, 0x09, 0xfc, 0x81, 0x02, 0x09, 0xfd, 0x81, 0x02, 0x95, 0x38, 0x09, 0xfe, 0x82, 0x02, 0x01,
  0x75, 0x01, 0x95, 0x01, 0x25, 0x01, 0x09, 0xff, 0x81, 0x02, 0x75, 0x07, 0x81, 0x03, 0xc0, 0xc0,
]);

/**
 * Access-IS ATR110 / LSR118 product manuals, appendix "HID reports – barcode only", §7.1.1 / B.1:
 * a 60-byte IATA boarding pass (QR, AIM "]Q0", further symbology identifier 's') split into two
 * reports: 56 bytes with byte 63 = 0x01, then 4 bytes (" 100") with byte 63 = 0x00, the rest 0x00.
 * (manualarchiveguide.com/manuals/Access-IS-ATR110-Product-Manual…?page=33, manualshive.com LSR118 p. 68)
 */
export const ACCESS_IS_BCBP_DATA_1 = 'M1GATHERGOOD/MICHAEL YABCDE F LHRDURAK 3542 052Y003D23  ';
export const ACCESS_IS_BCBP_DATA_2 = ' 100';
export function accessIsReport(data: string, continued: boolean): number[] {
  const r = new Array<number>(64).fill(0);
  r[0] = 0x02;
  r[1] = data.length;
  r.splice(2, 3, 0x5d, 0x51, 0x30);
  [...Buffer.from(data, 'latin1')].forEach((b, i) => (r[5 + i] = b));
  r[61] = 0x73;
  r[63] = continued ? 1 : 0;
  return r;
}

/**
 * Quio QU-R-302 engine manual p. 79 "Acquire Scanned Data": report id 0x02, byte 1 barcode
 * length, bytes 2–57 decoded data, 58–61 reserved, 62 symbology identifier (or 0x00), byte 63
 * "decoded data continued". No AIM id in the report. (38.142.81.21:8001/manual/quio/qu-r-302/…/page-79)
 */
export function quioReport(data: string, symbology: number, continued: boolean): number[] {
  const r = new Array<number>(64).fill(0);
  r[0] = 0x02;
  r[1] = data.length;
  [...Buffer.from(data, 'latin1')].forEach((b, i) => (r[2 + i] = b));
  r[62] = symbology;
  r[63] = continued ? 1 : 0;
  return r;
}

/**
 * DYMO M10 postal scale, Scale Data Report as read with hidapi: "03 04 0B FF 31 00" — report 3,
 * status 4 (stable), unit 0x0B (ounce), exponent -1, weight 0x0031 = 49 → 4.9 oz.
 * Source: the hid-scale Rust crate's Dymo driver comment ("// 00 03 04 0B FF 31 00", a leading 0
 * that some hosts prepend), and erjiang/usbscale's scales.h for the vendor/product ids (0922:8003).
 */
export const DYMO_M10_4_9_OZ = [0x03, 0x04, 0x0b, 0xff, 0x31, 0x00];
