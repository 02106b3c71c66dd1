/** Contract results: the station, its status and documents. */
import type { Role } from '../../domain/roles';

export interface Done {
  done: true;
}

export interface StationStatus {
  stationId: string;
  site: string | null;
  stationName: string | null;
  needsSetup: boolean;
  idleMinutes: number;
  version: string;
}

export interface DemoLoaded {
  users: { username: string; role: Role; secret: string }[];
}

export interface PdfDocument {
  fileName: string;
  base64: string;
}
