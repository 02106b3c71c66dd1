/** What a station prints (issue 19): the document types a printer is chosen for, and a print log entry. */
export const PRINT_DOCUMENTS = ['lot-label', 'sscc-label', 'delivery-note', 'coa', 'recall-report'] as const;
export type PrintTargetDocument = (typeof PRINT_DOCUMENTS)[number];
/** The labels drawn for thermal printers too (ZPL); the others print as PDF only (A4). */
export const ZPL_DOCUMENTS: readonly PrintTargetDocument[] = ['lot-label', 'sscc-label'];
/** A printer test prints as 'test'. */
export type PrintDocument = PrintTargetDocument | 'test';

export interface PrintJob {
  id: string;
  createdAt: string;
  /** Display name of who printed. */
  user: string;
  document: PrintDocument;
  objectId: string | null;
  objectLabel: string | null;
  printer: string;
  format: 'pdf' | 'zpl';
  copies: number;
  /** Prints of the same document and object before this one; "REPRINT n" from 1 on. */
  reprint: number;
  status: 'queued' | 'printed' | 'failed';
  attempts: number;
  errorKey: string | null;
  errorParams: Record<string, string | number> | null;
  reference: string | null;
  finishedAt: string | null;
}
