/**
 * Photos and files kept in the station's data folder beside the database (complaints, QC), one
 * way: content-addressed by SHA-256, so a retried or refused call leaves at most an unused copy,
 * never a wrong one; read back only when the bytes still match the hash recorded.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fail } from '../../domain/errors';
import type { Db } from '../../store/db';

/** The folder of a kind of files (`complaint-files`, `qc-files`) beside the database file. */
export function filesFolder(db: Db, name: string): string {
  return join(dirname(db.name), name);
}

/** The error keys of a wing: `${prefix}.fileNotBase64`, `.fileTooLarge`, `.fileDamaged`. */
export interface FileKeys {
  prefix: string;
}

/** Decodes and writes one file; its size is checked on the decoded bytes. */
export function storeFile(folder: string, f: { name: string; base64: string }, maxBytes: number, keys: FileKeys, field: string): { sha256: string; size: number } {
  const bytes = Buffer.from(f.base64, 'base64');
  if (bytes.length === 0 || bytes.toString('base64').replace(/=+$/, '') !== f.base64.replace(/\s/g, '').replace(/=+$/, '')) {
    throw fail.validation(`${keys.prefix}.fileNotBase64`, field, { name: f.name });
  }
  if (bytes.length > maxBytes) throw fail.validation(`${keys.prefix}.fileTooLarge`, field, { name: f.name, max: maxBytes / 1024 / 1024 });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, sha256);
  if (!existsSync(path)) writeFileSync(path, bytes);
  return { sha256, size: bytes.length };
}

/** A recorded file's bytes as base64; a file missing or changed on disk is named, never served as if it were the one recorded. */
export function readStoredFile(folder: string, f: { fileName: string; mimeType: string; sha256: string }, keys: FileKeys, field: string): { fileName: string; mimeType: string; base64: string } {
  const path = join(folder, f.sha256);
  const bytes = existsSync(path) ? readFileSync(path) : null;
  if (!bytes || createHash('sha256').update(bytes).digest('hex') !== f.sha256) throw fail.rule(`${keys.prefix}.fileDamaged`, { name: f.fileName }, field);
  return { fileName: f.fileName, mimeType: f.mimeType, base64: bytes.toString('base64') };
}
