/** The GS1 engine's reading half: parse any scan, detect scans from key events. */
export { parseScan } from './parse';
export { ScanDetector, type KeyInput, type ScanDetectorOptions } from './wedge';
export { DICTIONARY_VERSION } from './ai-table.generated';
export { aiTitleKey } from './titles';
export type {
  Gs1Element,
  Gs1Error,
  Gs1ErrorCode,
  Gs1ParseResult,
  Gs1Scan,
  ParseOptions,
  Symbology,
} from './types';
