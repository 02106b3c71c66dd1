/** SQL of the files kept for a lot or its inspection (qc_files, migration 023): a supplier's CoA, photos. */
import type { Db } from './db';
import { statement } from './statements';
import type { QcFile, QcFileKind } from '../domain/qc/lot-records';

export interface NewQcFile extends QcFile {
  lotId: string;
  inspectionId: string | null;
  kind: QcFileKind;
}

export function insertQcFile(db: Db, f: NewQcFile): void {
  statement(
    db,
    'INSERT INTO qc_files (id, lot_id, inspection_id, kind, file_name, mime_type, size, sha256, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(f.id, f.lotId, f.inspectionId, f.kind, f.fileName, f.mimeType, f.size, f.sha256, f.addedAt, f.addedBy);
}

const SELECT = `SELECT f.id, f.kind, f.file_name AS fileName, f.mime_type AS mimeType, f.size, f.sha256, f.added_at AS addedAt, u.display_name AS addedBy
  FROM qc_files f JOIN users u ON u.id = f.added_by`;

/** Every file of a lot (its own and its inspections'), oldest first. */
export function lotQcFiles(db: Db, lotId: string): QcFile[] {
  return statement(db, `${SELECT} WHERE f.lot_id = ? ORDER BY f.added_at, f.file_name`).all(lotId) as QcFile[];
}

export function findQcFile(db: Db, lotId: string, fileId: string): QcFile | null {
  return (statement(db, `${SELECT} WHERE f.id = ? AND f.lot_id = ?`).get(fileId, lotId) as QcFile | undefined) ?? null;
}
