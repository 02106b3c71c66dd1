/** Numbered documents (receipts, moves, counts, adjustments, transformations, sales orders, shipments): PREFIX-YYYYMMDD-NNNN from a per-day counter. */
import { newId } from '../../store/ids';
import { statement } from '../../store/statements';
import { nextCounterValue } from '../../store/counters';
import { requireUser, type CallContext } from './context';

export type DocumentKind = 'receipt' | 'move' | 'count' | 'adjustment' | 'transformation' | 'sales_order' | 'shipment';

const PREFIX: Record<DocumentKind, string> = { receipt: 'RCV', move: 'MOV', count: 'CNT', adjustment: 'ADJ', transformation: 'TRF', sales_order: 'SO', shipment: 'SHP' };

export function createDocument(
  ctx: CallContext,
  kind: DocumentKind,
  options: { partyId?: string; reference?: string; status?: string } = {},
): { id: string; number: string } {
  const day = ctx.today.replaceAll('-', '');
  const prefix = PREFIX[kind];
  const counter = kind === 'receipt' ? `receipt:${day}` : `document:${prefix}:${day}`;
  const number = `${prefix}-${day}-${String(nextCounterValue(ctx.station.db, counter)).padStart(4, '0')}`;
  const id = newId();
  statement(ctx.station.db, 'INSERT INTO documents (id, kind, number, party_id, status, reference, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, kind, number, options.partyId ?? null, options.status ?? 'done', options.reference ?? null, ctx.now.toISOString(), requireUser(ctx).id);
  return { id, number };
}
