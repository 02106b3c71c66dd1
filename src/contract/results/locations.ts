/** Results of the Locations and Pick route screens (issue 15). */
import type { BinKind } from '../../domain/bin-kinds';

export interface ZoneView {
  id: string;
  code: string;
  name: string;
  /** Active bins in the zone. */
  bins: number;
}

export interface BinView {
  id: string;
  code: string;
  zoneId: string;
  zoneCode: string;
  kind: BinKind;
  active: boolean;
  routeOrder: number | null;
  hasStock: boolean;
}

export interface RangePreview {
  codes: string[];
  count: number;
  /** Codes of the range that are bin codes already: the range is refused while any is. */
  existing: string[];
}

export interface RangeCreated {
  count: number;
  first: string;
  last: string;
}
