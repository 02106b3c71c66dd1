/**
 * What allocation rows' numbers must refer to, which no foreign key asserts (migrations 009, 014):
 * an allocation's order is its line's order, its lot exists and is of the line's item, its bin
 * exists. Allocations are written in one place, from rows the same transaction read; tests hold
 * every desk they touch to this.
 */
import type { Db } from './db';

export interface AllocationRefProblem {
  id: number;
  problem: 'order' | 'lot' | 'lotItem' | 'location';
}

export function allocationRefProblems(db: Db): AllocationRefProblem[] {
  return db
    .prepare(
      `SELECT id, problem FROM (
         SELECT a.id,
                CASE WHEN d.id IS NULL OR dl.document_id IS NOT d.id THEN 'order'
                     WHEN l.id IS NULL THEN 'lot'
                     WHEN l.item_id IS NOT dl.item_id THEN 'lotItem'
                     WHEN loc.id IS NULL THEN 'location' END AS problem
         FROM allocation_rows a JOIN document_lines dl ON dl.no = a.line_no
         LEFT JOIN documents d ON d.no = a.order_no LEFT JOIN lots l ON l.no = a.lot_no LEFT JOIN locations loc ON loc.no = a.location_no)
       WHERE problem IS NOT NULL ORDER BY id`,
    )
    .all() as AllocationRefProblem[];
}
