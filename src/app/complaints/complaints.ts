/**
 * Complaints and CAPA (issue 16, the FAQ's complaint → lot → trace → root cause). A complaint names
 * a customer, a product and a lot (read by scan or typed, or picked by id), what was wrong, when it
 * came in and how bad it is, with photos and files: those are stored in the station's data folder
 * beside the database (`complaint-files/<sha256>`), the database keeps their name, type, size and
 * SHA-256. One CAPA per complaint (root cause, action, owner, due date, verification) is closed
 * with an e-signature: the signer types their own PIN or password again; who, when and the
 * meaning are stored. SQL in src/store/complaints.ts; every change noted field by field.
 */
import { AppError, fail } from '../../domain/errors';
import type { ComplaintSummary } from '../../contract/results';
import { COMPLAINT_FILE_MAX_BYTES, type ParsedInput } from '../../contract/contract';
import type { Db } from '../../store/db';
import { newId } from '../../store/ids';
import { findLot } from '../../store/lots';
import { nextCounterValue } from '../../store/counters';
import {
  activeUserExists, closeCapa, complaintFiles, customerExists, findCapa, findComplaint, findComplaintFile, insertComplaint,
  insertComplaintFile, itemExists, listComplaints, saveCapa, updateComplaint, type ComplaintRecord,
} from '../../store/complaints';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { resolveLotScan } from '../shared/lot-scan';
import { filesFolder as storedFilesFolder, readStoredFile, storeFile } from '../shared/stored-files';
import { sign } from '../kernel/e-signature';

/** The meaning a CAPA's closing signature records. */
export const CAPA_SIGNATURE_MEANING = 'CAPA verified effective and closed';

type FileInput = NonNullable<ParsedInput<'complaints.create'>['files']>[number];

const filesFolder = (db: Db) => storedFilesFolder(db, 'complaint-files');
const FILE_KEYS = { prefix: 'errors.complaints' };

function summary(c: ComplaintRecord): ComplaintSummary {
  const lot = c.lotCode ? encodeURIComponent(c.lotCode) : null;
  return { ...c, traceRoute: lot ? `/trace?lot=${lot}` : null, recallRoute: lot ? `/recall?lot=${lot}` : null };
}

function loadComplaint(ctx: CallContext, id: string): ComplaintRecord {
  const c = findComplaint(ctx.station.db, id);
  if (!c) throw fail.notFound('errors.complaints.unknown', {}, 'complaintId');
  return c;
}

/** Writes attached files (shared/stored-files.ts) and records them. */
function attach(ctx: CallContext, complaintId: string, files: FileInput[], field: string): { name: string; sha256: string }[] {
  const db = ctx.station.db;
  return files.map((f, i) => {
    const { sha256, size } = storeFile(filesFolder(db), f, COMPLAINT_FILE_MAX_BYTES, FILE_KEYS, `${field}.${i}.base64`);
    insertComplaintFile(db, { id: newId(), complaintId, fileName: f.name, mimeType: f.mimeType, size, sha256, addedAt: ctx.now.toISOString(), addedBy: requireUser(ctx).id });
    return { name: f.name, sha256 };
  });
}

function checkCustomer(ctx: CallContext, customerId: string | null | undefined): string | null {
  if (!customerId) return null;
  if (!customerExists(ctx.station.db, customerId)) throw fail.notFound('errors.complaints.unknownCustomer', {}, 'customerId');
  return customerId;
}

/** The complaint's lot and item: a lot by id or as read (scan or typed code); an item given beside a lot must be the lot's. */
function lotAndItem(ctx: CallContext, input: ParsedInput<'complaints.create'>): { lotId: string | null; itemId: string | null; lotInput: string | null } {
  const db = ctx.station.db;
  let lot: { id: string; itemId: string; code: string; sku: string } | null = null;
  const lotInput = input.lot?.trim() || null;
  if (input.lotId) {
    lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
  } else if (lotInput) {
    let lots;
    try {
      lots = resolveLotScan(db, lotInput, ctx.today).lots.map((l) => l.lot);
    } catch (err) {
      if (err instanceof AppError && err.data.code === 'not_found') throw fail.notFound('errors.complaints.unknownLot', { lot: lotInput }, 'lot');
      throw err;
    }
    const ofItem = input.itemId ? lots.filter((l) => l.itemId === input.itemId) : lots;
    if (ofItem.length > 1) throw fail.validation('errors.complaints.ambiguousLot', 'lot', { lot: lotInput, count: ofItem.length });
    lot = ofItem[0] ?? lots[0];
  }
  if (input.itemId && !itemExists(db, input.itemId)) throw fail.notFound('errors.complaints.unknownItem', {}, 'itemId');
  if (lot && input.itemId && lot.itemId !== input.itemId) throw fail.validation('errors.complaints.lotOfOtherItem', input.lotId ? 'lotId' : 'lot', { lot: lot.code, sku: lot.sku });
  return { lotId: lot?.id ?? null, itemId: input.itemId ?? lot?.itemId ?? null, lotInput };
}

const audited = (c: { customerId: string | null; itemId?: string | null; lotId?: string | null; description: string; receivedOn: string; severity: string }) => ({
  customerId: c.customerId, ...(c.itemId !== undefined ? { itemId: c.itemId } : {}), ...(c.lotId !== undefined ? { lotId: c.lotId } : {}),
  description: c.description, receivedOn: c.receivedOn, severity: c.severity,
});

export const complaintHandlers = {
  'complaints.create': (ctx, input) => {
    const db = ctx.station.db;
    const customerId = checkCustomer(ctx, input.customerId);
    const { lotId, itemId, lotInput } = lotAndItem(ctx, input);
    if (!lotId && !itemId) throw fail.validation('errors.complaints.noProduct', 'lot');
    if (input.receivedOn > ctx.today) throw fail.validation('errors.complaints.receivedInFuture', 'receivedOn');
    const id = newId();
    const number = `CMP-${String(nextCounterValue(db, 'complaint')).padStart(6, '0')}`;
    insertComplaint(db, { id, number, customerId, itemId, lotId, lotInput, description: input.description, receivedOn: input.receivedOn, severity: input.severity, at: ctx.now.toISOString(), userId: requireUser(ctx).id });
    const files = attach(ctx, id, input.files ?? [], 'files');
    noteChanges(ctx, { object: 'complaint', id, label: number }, null, { ...audited({ customerId, itemId, lotId, description: input.description, receivedOn: input.receivedOn, severity: input.severity }), lotInput, files: files.map((f) => `${f.name} ${f.sha256}`).join(', ') || null });
    return { id, number };
  },
  'complaints.update': (ctx, input) => {
    const before = loadComplaint(ctx, input.complaintId);
    const customerId = input.customerId === undefined ? before.customerId : checkCustomer(ctx, input.customerId);
    if (input.receivedOn > ctx.today) throw fail.validation('errors.complaints.receivedInFuture', 'receivedOn');
    const after = { customerId, description: input.description, receivedOn: input.receivedOn, severity: input.severity };
    updateComplaint(ctx.station.db, before.id, after, ctx.now.toISOString());
    const files = attach(ctx, before.id, input.addFiles ?? [], 'addFiles');
    noteChanges(ctx, { object: 'complaint', id: before.id, label: before.number }, { ...audited({ customerId: before.customerId, description: before.description, receivedOn: before.receivedOn, severity: before.severity }), files: null }, { ...audited(after), files: files.map((f) => `${f.name} ${f.sha256}`).join(', ') || null });
    return { done: true };
  },
  'complaints.list': (ctx, input) => listComplaints(ctx.station.db, { lotId: input.lotId, open: input.open, limit: 500 }).map(summary),
  'complaints.get': (ctx, input) => {
    const c = loadComplaint(ctx, input.complaintId);
    const capa = findCapa(ctx.station.db, c.id);
    return {
      complaint: summary(c),
      files: complaintFiles(ctx.station.db, c.id),
      capa: capa && {
        rootCause: capa.rootCause, action: capa.action, ownerId: capa.ownerId, ownerName: capa.ownerName, dueDate: capa.dueDate, verification: capa.verification,
        status: capa.status, closedAt: capa.closedAt, closedByName: capa.closedByName, signatureMeaning: capa.signatureMeaning,
      },
    };
  },
  'complaints.file': (ctx, input) => {
    const f = findComplaintFile(ctx.station.db, input.complaintId, input.fileId);
    if (!f) throw fail.notFound('errors.complaints.unknownFile', {}, 'fileId');
    return readStoredFile(filesFolder(ctx.station.db), f, FILE_KEYS, 'fileId');
  },
  'capa.save': (ctx, input) => {
    const db = ctx.station.db;
    const c = loadComplaint(ctx, input.complaintId);
    const before = findCapa(db, c.id);
    if (before?.status === 'closed') throw fail.rule('errors.capa.closed', { number: c.number }, 'complaintId');
    if (!activeUserExists(db, input.ownerId)) throw fail.notFound('errors.capa.unknownOwner', {}, 'ownerId');
    const verification = input.verification?.trim() || null;
    saveCapa(db, { complaintId: c.id, rootCause: input.rootCause, action: input.action, ownerId: input.ownerId, dueDate: input.dueDate, verification, at: ctx.now.toISOString() });
    const fields = (x: { rootCause: string; action: string; ownerId: string; dueDate: string; verification: string | null }) => ({
      rootCause: x.rootCause, action: x.action, ownerId: x.ownerId, dueDate: x.dueDate, verification: x.verification,
    });
    noteChanges(ctx, { object: 'capa', id: c.id, label: c.number }, before && fields(before), fields({ ...input, verification }));
    return { done: true };
  },
  'capa.close': (ctx, input) => {
    const db = ctx.station.db;
    const c = loadComplaint(ctx, input.complaintId);
    const capa = findCapa(db, c.id);
    if (!capa) throw fail.rule('errors.capa.none', { number: c.number }, 'complaintId');
    if (capa.status === 'closed') throw fail.rule('errors.capa.closed', { number: c.number }, 'complaintId');
    if (!capa.verification) throw fail.rule('errors.capa.noVerification', { number: c.number }, 'verification');
    const me = requireUser(ctx);
    // An e-signature like every signed act (kernel/e-signature.ts): the signing password typed again, a wrong one
    // counted toward the lock, an e_signatures row with the meaning, bound to the CAPA as it was closed.
    const bound = { complaint: c.id, number: c.number, rootCause: capa.rootCause, action: capa.action, ownerId: capa.ownerId, dueDate: capa.dueDate, verification: capa.verification };
    sign(ctx, { object: 'capa', objectId: c.id, meaning: CAPA_SIGNATURE_MEANING, secret: input.secret, bound, command: 'capa.close', deniedKey: 'errors.capa.badSignature' });
    const at = ctx.now.toISOString();
    closeCapa(db, c.id, me.id, CAPA_SIGNATURE_MEANING, at);
    noteChanges(ctx, { object: 'capa', id: c.id, label: c.number }, { status: 'open' }, { status: 'closed', signedBy: me.username, signedAt: at, meaning: CAPA_SIGNATURE_MEANING });
    ctx.auditDetail = { complaint: c.number, meaning: CAPA_SIGNATURE_MEANING };
    return { done: true };
  },
} satisfies Partial<Handlers>;
