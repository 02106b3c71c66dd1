/**
 * AIM symbology identifiers ("]" + code + modifier) that scanners put before the data, and what
 * each means for reading it: GS1 element strings, an EAN/UPC number, or a plain (non-GS1) symbol.
 */
import type { Symbology } from './types';

export type Carrier =
  | { kind: 'gs1'; symbology: Symbology }
  | { kind: 'ean'; symbology: Symbology; digits: 8 | 13 }
  | { kind: 'plain'; aim: string };

const GS1_CARRIERS: Record<string, Carrier> = {
  ']C1': { kind: 'gs1', symbology: 'GS1-128' },
  ']d2': { kind: 'gs1', symbology: 'GS1 DataMatrix' },
  ']Q3': { kind: 'gs1', symbology: 'GS1 QR' },
  ']e0': { kind: 'gs1', symbology: 'GS1 DataBar' },
  ']E0': { kind: 'ean', symbology: 'EAN-13', digits: 13 },
  ']E4': { kind: 'ean', symbology: 'EAN-8', digits: 8 },
};

/** The carrier an AIM identifier at the start of `s` names, or undefined when there is none. */
export function aimCarrier(s: string): Carrier | undefined {
  if (s.length < 3 || s.charCodeAt(0) !== 93 /* ] */) return undefined;
  const aim = s.slice(0, 3);
  return GS1_CARRIERS[aim] ?? { kind: 'plain', aim };
}
