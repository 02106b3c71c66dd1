/** SQL of a lot's QC files (qc_files, migration 023) beyond one inspection's (src/store/qc-inspections.ts): the supplier's CoA and every inspection's photos. */
import type { Db } from './db';
import { statement } from './statements';
import type { QcFile } from '../domain/qc/inspection-records';

/** Every file of a lot (its own and its inspections'), oldest first. */
export function lotQcFiles(db: Db, lotId: string): QcFile[] {
  return statement(
    db,
    `SELECT f.id, f.kind, f.file_name AS fileName, f.mime_type AS mimeType, f.size, f.sha256, f.added_at AS addedAt, u.display_name AS addedBy
     FROM qc_files f JOIN users u ON u.id = f.added_by WHERE f.lot_id = ? ORDER BY f.added_at, f.file_name`,
  ).all(lotId) as QcFile[];
}
