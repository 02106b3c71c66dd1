/**
 * Retained samples (issue 17, item 8): a part of a lot kept back, with where it is kept and the
 * day it may be destroyed; a list of those due; marking one destroyed names who and when. The
 * sample is a record beside the stock, not a movement (the quantity drawn for it leaves the lot by
 * the inspection's sampling draw or an adjustment). Every change noted field by field.
 */
import { fail } from '../../domain/errors';
import { toStored, type Unit } from '../../domain/quantity';
import type { RetainedSampleView } from '../../contract/results';
import { newId } from '../../store/ids';
import { findLot } from '../../store/lots';
import { findRetainedSample, insertRetainedSample, lotRetainedSamples, markDestroyed, retainedSamplesDue, type RetainedSample } from '../../store/retained-samples';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';

/** Rows the "due for destruction" list shows at most. */
export const RETAINED_DUE_LIMIT = 500;

const view = (r: RetainedSample, today: string): RetainedSampleView => ({ ...r, due: r.destroyedAt === null && r.destructionDate <= today });

function loadSample(ctx: CallContext, id: string): RetainedSample {
  const s = findRetainedSample(ctx.station.db, id);
  if (!s) throw fail.notFound('errors.retained.unknown', {}, 'sampleId');
  return s;
}

export const retainedSampleHandlers = {
  'retainedSamples.record': (ctx, input) => {
    const db = ctx.station.db;
    const lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    const quantity = toStored(input.quantity, lot.unit as Unit);
    if (input.destructionDate <= ctx.today) throw fail.validation('errors.retained.destructionPast', 'destructionDate');
    // Kept at least as long as the lot may be sold: a complaint about it can come until then.
    if (lot.expiryDate && input.destructionDate < lot.expiryDate) throw fail.validation('errors.retained.beforeExpiry', 'destructionDate', { expiry: lot.expiryDate });
    const id = newId();
    const note = input.note?.trim() || null;
    insertRetainedSample(db, { id, lotId: lot.id, quantity, location: input.location, destructionDate: input.destructionDate, note, at: ctx.now.toISOString(), userId: requireUser(ctx).id });
    noteChanges(ctx, { object: 'retainedSample', id, label: lot.code }, null, { sampleQuantity: `${input.quantity} ${lot.unit}`, sampleLocation: input.location, destructionDate: input.destructionDate, sampleNote: note });
    return { id };
  },
  'retainedSamples.list': (ctx, input) => {
    const db = ctx.station.db;
    const rows = input.lotId ? lotRetainedSamples(db, input.lotId) : retainedSamplesDue(db, ctx.today, RETAINED_DUE_LIMIT);
    return rows.map((r) => view(r, ctx.today));
  },
  'retainedSamples.destroy': (ctx, input) => {
    const s = loadSample(ctx, input.sampleId);
    if (s.destroyedAt) throw fail.rule('errors.retained.destroyed', { lot: s.lotCode, at: s.destroyedAt.slice(0, 10) }, 'sampleId');
    if (s.destructionDate > ctx.today) throw fail.rule('errors.retained.notDue', { lot: s.lotCode, date: s.destructionDate }, 'sampleId');
    const me = requireUser(ctx);
    const at = ctx.now.toISOString();
    const note = input.note?.trim() || null;
    markDestroyed(ctx.station.db, s.id, me.id, at, note);
    noteChanges(ctx, { object: 'retainedSample', id: s.id, label: s.lotCode }, { destroyedAt: null, destroyedBy: null, sampleNote: s.note }, { destroyedAt: at, destroyedBy: me.username, sampleNote: note ?? s.note });
    return { done: true };
  },
} satisfies Partial<Handlers>;
