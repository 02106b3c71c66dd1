/**
 * The supplier's certificate of analysis, attached to a lot at receipt (issue 17, item 5): a PDF
 * or an image kept in the station's data folder with the inspections' files (`qc-files/<sha256>`,
 * shared/stored-files.ts), recorded in qc_files as kind 'supplier_coa', no inspection, with its
 * name, type, size and SHA-256. The lot's files (these and the inspections' photos) are listed on
 * the lot and downloaded with qc.file.
 */
import { fail } from '../../domain/errors';
import { newId } from '../../store/ids';
import { findLot } from '../../store/lots';
import { insertQcFile } from '../../store/qc-inspections';
import { lotQcFiles } from '../../store/qc-files';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type Handlers } from '../kernel/context';
import { filesFolder, storeFile } from '../shared/stored-files';
import { QC_FILE_MAX_BYTES } from './inspections';

/** What a supplier's CoA may be, by its first bytes (the type a browser reports is only a claim). */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

export const supplierCoaHandlers = {
  'qc.attachSupplierCoa': (ctx, input) => {
    const db = ctx.station.db;
    const lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    const check = SIGNATURES[input.file.mimeType];
    if (!check) throw fail.validation('errors.qcFiles.badType', 'file.mimeType', { name: input.file.name });
    if (!check(Buffer.from(input.file.base64.slice(0, 16), 'base64'))) throw fail.validation('errors.qcFiles.notThatType', 'file.base64', { name: input.file.name });
    const { size, sha256 } = storeFile(filesFolder(db, 'qc-files'), input.file, QC_FILE_MAX_BYTES, { prefix: 'errors.qc' }, 'file.base64');
    const id = newId();
    insertQcFile(db, { id, lotId: lot.id, inspectionId: null, kind: 'supplier_coa', fileName: input.file.name, mimeType: input.file.mimeType, size, sha256, addedAt: ctx.now.toISOString(), addedBy: requireUser(ctx).id });
    noteChanges(ctx, { object: 'lot', id: lot.id, label: lot.code }, null, { supplierCoa: `${input.file.name} ${sha256}` });
    return { id };
  },
  'qc.lotFiles': (ctx, input) => {
    if (!findLot(ctx.station.db, input.lotId, ctx.today)) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    return lotQcFiles(ctx.station.db, input.lotId);
  },
} satisfies Partial<Handlers>;
