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

/** The desk's HTTPS certificate for the LAN (src/app/admin/lan-certificate.ts): what a PDA is told to trust. */
export interface LanCertificate {
  /** SHA-256 of the certificate, as AB:CD:… */
  fingerprint: string;
  /** Its host names and addresses (subjectAltName). */
  names: string[];
  validTo: string;
}

export interface DemoLoaded {
  users: { username: string; role: Role; secret: string }[];
}

export interface PdfDocument {
  fileName: string;
  base64: string;
}
