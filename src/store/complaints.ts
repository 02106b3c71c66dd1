/** SQL of complaints, their files and their CAPA (migration 018), as camelCase records. */
import type { Db } from './db';
import { statement } from './statements';
import type { Capa, ComplaintFacts, ComplaintFile, ComplaintSeverity } from '../domain/complaints';

export type Severity = ComplaintSeverity;

export interface ComplaintRecord extends ComplaintFacts {
  updatedAt: string;
}

export interface ComplaintFileRecord extends ComplaintFile {
  complaintId: string;
}

export interface CapaRecord extends Capa {
  complaintId: string;
  closedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const COMPLAINT_SELECT = `SELECT c.id, c.number, c.customer_id AS customerId, p.code AS customerCode, p.name AS customerName,
  c.item_id AS itemId, i.sku, i.name AS itemName, c.lot_id AS lotId, l.code AS lotCode, c.lot_input AS lotInput,
  c.description, c.received_on AS receivedOn, c.severity, c.created_at AS createdAt, u.display_name AS createdBy, c.updated_at AS updatedAt,
  (SELECT COUNT(*) FROM complaint_files f WHERE f.complaint_id = c.id) AS files, a.status AS capaStatus
  FROM complaints c LEFT JOIN parties p ON p.id = c.customer_id LEFT JOIN items i ON i.id = c.item_id LEFT JOIN lots l ON l.id = c.lot_id
  JOIN users u ON u.id = c.created_by LEFT JOIN capas a ON a.complaint_id = c.id`;

export interface NewComplaint {
  id: string;
  number: string;
  customerId: string | null;
  itemId: string | null;
  lotId: string | null;
  lotInput: string | null;
  description: string;
  receivedOn: string;
  severity: Severity;
  at: string;
  userId: string;
}

export function insertComplaint(db: Db, c: NewComplaint): void {
  statement(
    db,
    `INSERT INTO complaints (id, number, customer_id, item_id, lot_id, lot_input, description, received_on, severity, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.number, c.customerId, c.itemId, c.lotId, c.lotInput, c.description, c.receivedOn, c.severity, c.at, c.userId, c.at);
}

export function updateComplaint(db: Db, id: string, fields: { customerId: string | null; description: string; receivedOn: string; severity: Severity }, at: string): void {
  statement(db, 'UPDATE complaints SET customer_id = ?, description = ?, received_on = ?, severity = ?, updated_at = ? WHERE id = ?').run(
    fields.customerId, fields.description, fields.receivedOn, fields.severity, at, id,
  );
}

export function findComplaint(db: Db, id: string): ComplaintRecord | null {
  return (statement(db, `${COMPLAINT_SELECT} WHERE c.id = ?`).get(id) as ComplaintRecord | undefined) ?? null;
}

/** Newest received first; `lotId` narrows to one lot's complaints, `open` to those without a closed CAPA. */
export function listComplaints(db: Db, filter: { lotId?: string; open?: boolean; limit: number }): ComplaintRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.lotId) {
    where.push('c.lot_id = ?');
    args.push(filter.lotId);
  }
  if (filter.open) where.push("(a.status IS NULL OR a.status = 'open')");
  return statement(db, `${COMPLAINT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.received_on DESC, c.number DESC LIMIT ?`).all(
    ...args,
    filter.limit,
  ) as ComplaintRecord[];
}

export function insertComplaintFile(db: Db, f: ComplaintFileRecord): void {
  statement(db, 'INSERT INTO complaint_files (id, complaint_id, file_name, mime_type, size, sha256, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    f.id, f.complaintId, f.fileName, f.mimeType, f.size, f.sha256, f.addedAt, f.addedBy,
  );
}

export function complaintFiles(db: Db, complaintId: string): ComplaintFileRecord[] {
  return statement(
    db,
    `SELECT f.id, f.complaint_id AS complaintId, f.file_name AS fileName, f.mime_type AS mimeType, f.size, f.sha256, f.added_at AS addedAt, u.display_name AS addedBy
     FROM complaint_files f JOIN users u ON u.id = f.added_by WHERE f.complaint_id = ? ORDER BY f.added_at, f.file_name`,
  ).all(complaintId) as ComplaintFileRecord[];
}

export function findCapa(db: Db, complaintId: string): CapaRecord | null {
  return (
    (statement(
      db,
      `SELECT a.complaint_id AS complaintId, a.root_cause AS rootCause, a.action, a.owner_id AS ownerId, o.display_name AS ownerName, a.due_date AS dueDate,
              a.verification, a.status, a.closed_at AS closedAt, a.closed_by AS closedBy, s.display_name AS closedByName, a.signature_meaning AS signatureMeaning,
              a.created_at AS createdAt, a.updated_at AS updatedAt
       FROM capas a JOIN users o ON o.id = a.owner_id LEFT JOIN users s ON s.id = a.closed_by WHERE a.complaint_id = ?`,
    ).get(complaintId) as CapaRecord | undefined) ?? null
  );
}

export function saveCapa(db: Db, c: { complaintId: string; rootCause: string; action: string; ownerId: string; dueDate: string; verification: string | null; at: string }): void {
  statement(
    db,
    `INSERT INTO capas (complaint_id, root_cause, action, owner_id, due_date, verification, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)
     ON CONFLICT (complaint_id) DO UPDATE SET root_cause = excluded.root_cause, action = excluded.action, owner_id = excluded.owner_id,
       due_date = excluded.due_date, verification = excluded.verification, updated_at = excluded.updated_at`,
  ).run(c.complaintId, c.rootCause, c.action, c.ownerId, c.dueDate, c.verification, c.at, c.at);
}

export function closeCapa(db: Db, complaintId: string, userId: string, meaning: string, at: string): void {
  statement(db, "UPDATE capas SET status = 'closed', closed_at = ?, closed_by = ?, signature_meaning = ?, updated_at = ? WHERE complaint_id = ? AND status = 'open'").run(
    at, userId, meaning, at, complaintId,
  );
}

export function customerExists(db: Db, id: string): boolean {
  return statement(db, "SELECT 1 FROM parties WHERE id = ? AND kind = 'customer'").get(id) !== undefined;
}

export function itemExists(db: Db, id: string): boolean {
  return statement(db, 'SELECT 1 FROM items WHERE id = ?').get(id) !== undefined;
}

export function findComplaintFile(db: Db, complaintId: string, fileId: string): ComplaintFileRecord | null {
  return (
    (statement(
      db,
      'SELECT id, complaint_id AS complaintId, file_name AS fileName, mime_type AS mimeType, size, sha256, added_at AS addedAt, added_by AS addedBy FROM complaint_files WHERE id = ? AND complaint_id = ?',
    ).get(fileId, complaintId) as ComplaintFileRecord | undefined) ?? null
  );
}

/** An active user who may own a CAPA (anyone signed up and active). */
export function activeUserExists(db: Db, id: string): boolean {
  return statement(db, 'SELECT 1 FROM users WHERE id = ? AND active = 1').get(id) !== undefined;
}
