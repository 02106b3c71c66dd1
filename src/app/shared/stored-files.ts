/**
 * Files people attach (complaint photos, a supplier's certificate of analysis) kept in the
 * station's data folder beside the database, content-addressed (`<folder>/<sha256>`): a retried
 * or refused call leaves at most an unused copy, never a wrong one. The database keeps the name,
 * type, size and SHA-256; reading a file back checks the hash, so a file changed or lost on disk
 * is named, never served as the one recorded.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fail } from '../../domain/errors';
import type { Db } from '../../store/db';

/** The i18n keys a wing refuses a file with (each gets `name`; tooLarge also `max` in MB). */
export interface FileErrorKeys {
  notBase64: string;
  tooLarge: string;
  damaged: string;
}

export interface StoredFile {
  size: number;
  sha256: string;
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function folderOf(db: Db, folder: string): string {
  return join(dirname(db.name), folder);
}

/** Decodes, checks and writes one file; sizes are checked on the decoded bytes. */
export function storeFile(db: Db, folder: string, file: { name: string; base64: string }, opts: { field: string; maxBytes: number; keys: FileErrorKeys }): StoredFile {
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length === 0 || bytes.toString('base64').replace(/=+$/, '') !== file.base64.replace(/\s/g, '').replace(/=+$/, '')) {
    throw fail.validation(opts.keys.notBase64, opts.field, { name: file.name });
  }
  if (bytes.length > opts.maxBytes) throw fail.validation(opts.keys.tooLarge, opts.field, { name: file.name, max: opts.maxBytes / 1024 / 1024 });
  const sha256 = sha256Of(bytes);
  const dir = folderOf(db, folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, sha256);
  if (!existsSync(path)) writeFileSync(path, bytes);
  return { size: bytes.length, sha256 };
}

/** The bytes of a recorded file as base64, refused when the file on disk is missing or no longer matches its hash. */
export function readStoredFile(db: Db, folder: string, file: { fileName: string; sha256: string }, opts: { field: string; keys: Pick<FileErrorKeys, 'damaged'> }): string {
  const path = join(folderOf(db, folder), file.sha256);
  const bytes = existsSync(path) ? readFileSync(path) : null;
  if (!bytes || sha256Of(bytes) !== file.sha256) throw fail.rule(opts.keys.damaged, { name: file.fileName }, opts.field);
  return bytes.toString('base64');
}
