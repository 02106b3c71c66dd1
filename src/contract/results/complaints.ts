/** Complaints and CAPA (issue 16): a complaint about a product or lot, its files, its corrective and preventive action. */
import type { ComplaintFacts } from '../../domain/complaints';

export type { ComplaintSeverity } from '../../domain/complaints';

export interface ComplaintSummary extends ComplaintFacts {
  /** The trace screen and the recall start for the complaint's lot (null without a lot). */
  traceRoute: string | null;
  recallRoute: string | null;
}

export type { ComplaintFile } from '../../domain/complaints';
import type { ComplaintFile } from '../../domain/complaints';
export type { Capa } from '../../domain/complaints';
import type { Capa } from '../../domain/complaints';

export interface ComplaintDetail {
  complaint: ComplaintSummary;
  files: ComplaintFile[];
  capa: Capa | null;
}

export interface ComplaintCreated {
  id: string;
  number: string;
}

export interface ComplaintFileContent {
  fileName: string;
  mimeType: string;
  base64: string;
}
