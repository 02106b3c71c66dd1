/**
 * The supplier's certificate of analysis, attached to a lot at receipt (issue 17, item 5): a PDF
 * or an image kept in the station's data folder (`qc-files/<sha256>`, shared/stored-files.ts),
 * recorded in qc_files as kind 'supplier_coa' with its name, type, size and SHA-256. The lot's
 * files (these and the inspection's photos) are listed on its inspection and downloadable.
 */
import { fail } from '../../domain/errors';
import { QC_FILE_MAX_BYTES } from '../../contract/contract';
import { newId } from '../../store/ids';
import { findLot } from '../../store/lots';
import { findQcFile, insertQcFile, lotQcFiles } from '../../store/qc-files';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type Handlers } from '../kernel/context';
import { readStoredFile, storeFile } from '../shared/stored-files';

export const QC_FILES_FOLDER = 'qc-files';
const FILE_ERRORS = { notBase64: 'errors.qcFiles.notBase64', tooLarge: 'errors.qcFiles.tooLarge', damaged: 'errors.qcFiles.damaged' };

/** What a supplier's CoA may be, by its first bytes (the type a browser reports is only a claim). */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};
export const SUPPLIER_COA_TYPES = Object.keys(SIGNATURES);

export const supplierCoaHandlers = {
  'qc.attachSupplierCoa': (ctx, input) => {
    const db = ctx.station.db;
    const lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    const check = SIGNATURES[input.file.mimeType];
    if (!check) throw fail.validation('errors.qcFiles.badType', 'file.mimeType', { name: input.file.name });
    if (!check(Buffer.from(input.file.base64.slice(0, 16), 'base64'))) throw fail.validation('errors.qcFiles.notThatType', 'file.base64', { name: input.file.name });
    const { size, sha256 } = storeFile(db, QC_FILES_FOLDER, input.file, { field: 'file.base64', maxBytes: QC_FILE_MAX_BYTES, keys: FILE_ERRORS });
    const id = newId();
    insertQcFile(db, { id, lotId: lot.id, inspectionId: null, kind: 'supplier_coa', fileName: input.file.name, mimeType: input.file.mimeType, size, sha256, addedAt: ctx.now.toISOString(), addedBy: requireUser(ctx).id });
    noteChanges(ctx, { object: 'lot', id: lot.id, label: lot.code }, null, { supplierCoa: `${input.file.name} ${sha256}` });
    return { id };
  },
  'qc.lotFiles': (ctx, input) => {
    if (!findLot(ctx.station.db, input.lotId, ctx.today)) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    return lotQcFiles(ctx.station.db, input.lotId);
  },
  'qc.file': (ctx, input) => {
    const f = findQcFile(ctx.station.db, input.lotId, input.fileId);
    if (!f) throw fail.notFound('errors.qcFiles.unknown', {}, 'fileId');
    return { fileName: f.fileName, mimeType: f.mimeType, base64: readStoredFile(ctx.station.db, QC_FILES_FOLDER, f, { field: 'fileId', keys: FILE_ERRORS }) };
  },
} satisfies Partial<Handlers>;
