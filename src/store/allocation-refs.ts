/**
 * What the allocation table's dropped foreign keys (migration 009) used to assert, and more: an
 * allocation's order and item are its line's, its lot exists and is of that item, its bin exists.
 * Allocations are written in one place, from rows the same transaction read; tests hold every
 * desk they touch to this.
 */
import type { Db } from './db';

export interface AllocationRefProblem {
  id: number;
  problem: 'order' | 'item' | 'lot' | 'lotItem' | 'location';
}

export function allocationRefProblems(db: Db): AllocationRefProblem[] {
  return db
    .prepare(
      `SELECT id, problem FROM (
         SELECT a.id,
                CASE WHEN dl.document_id IS NOT a.document_id THEN 'order'
                     WHEN dl.item_id IS NOT a.item_id THEN 'item'
                     WHEN l.id IS NULL THEN 'lot'
                     WHEN l.item_id IS NOT a.item_id THEN 'lotItem'
                     WHEN loc.id IS NULL THEN 'location' END AS problem
         FROM allocations a JOIN document_lines dl ON dl.id = a.order_line_id
         LEFT JOIN lots l ON l.id = a.lot_id LEFT JOIN locations loc ON loc.id = a.location_id)
       WHERE problem IS NOT NULL ORDER BY id`,
    )
    .all() as AllocationRefProblem[];
}
