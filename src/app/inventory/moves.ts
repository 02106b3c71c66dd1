/**
 * Moves between bins, putaway included (a putaway is a move out of the receiving bin): one or
 * more lots, whole or partial quantities, into one bin that fits each lot's status. One document
 * and one movement per line, all in the command's transaction.
 */
import { fail } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import type { MoveResult } from '../../contract/results';
import { assertBinFits, ledgerFor, loadBin, loadPart } from './bins';
import type { Handlers } from '../kernel/context';
import { createDocument } from '../kernel/document-numbers';

export const moveHandlers = {
  'stock.move': (ctx, input): MoveResult => {
    const to = loadBin(ctx, input.toLocationId, 'toLocationId');
    const doc = createDocument(ctx, 'move', { reference: to.code });
    const record = ledgerFor(ctx, doc.id);
    const moves = input.lines.map((line, i) => {
      const field = `lines.${i}`;
      const { lot, bin, stored } = loadPart(ctx, line, field, 'putaway');
      if (bin.id === to.id) throw fail.rule('errors.move.sameBin', { lot: lot.code, bin: bin.code }, 'toLocationId');
      assertBinFits(lot, to, input.allowNonPickable ?? false, 'toLocationId');
      const movementId = record({ kind: 'move', itemId: lot.itemId, lotId: lot.id, quantity: stored, fromLocationId: bin.id, toLocationId: to.id });
      return { movementId, lotCode: lot.code, from: bin.code, to: to.code, quantity: fromStored(stored), unit: lot.unit };
    });
    return { documentNumber: doc.number, moves };
  },
} satisfies Partial<Handlers>;
