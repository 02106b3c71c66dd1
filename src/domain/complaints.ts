/** A complaint as the store reads it and the contract returns it (issue 16). */
export type ComplaintSeverity = 'minor' | 'major' | 'critical';

export interface ComplaintFacts {
  id: string;
  number: string;
  customerId: string | null;
  customerCode: string | null;
  customerName: string | null;
  itemId: string | null;
  sku: string | null;
  itemName: string | null;
  lotId: string | null;
  lotCode: string | null;
  /** What was scanned or typed to name the lot. */
  lotInput: string | null;
  description: string;
  receivedOn: string;
  severity: ComplaintSeverity;
  createdAt: string;
  /** Display name of the user who recorded it. */
  createdBy: string;
  /** Files attached. */
  files: number;
  /** null: no CAPA yet. */
  capaStatus: 'open' | 'closed' | null;
}

/** A complaint's corrective and preventive action. */
export interface Capa {
  rootCause: string;
  action: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  verification: string | null;
  status: 'open' | 'closed';
  /** The closing signature: who, when and what it means. */
  closedAt: string | null;
  closedByName: string | null;
  signatureMeaning: string | null;
}

/** A photo or file attached to a complaint (the bytes live in the station's data folder under their SHA-256). */
export interface ComplaintFile {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  addedAt: string;
  /** Display name (listing) or user id (one file's record). */
  addedBy: string;
}
