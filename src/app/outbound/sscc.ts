/**
 * SSCC allocation for logistic units: the station's GS1 company prefix and extension digit with a
 * persistent serial counter, drawn inside the caller's transaction so no number is issued twice.
 */
import { fail } from '../../domain/errors';
import { formatSscc } from '../../domain/gs1/encode';
import { nextCounterValue } from '../../store/counters';
import type { Db } from '../../store/db';
import { getSetting } from '../kernel/settings';

export function allocateSscc(db: Db): string {
  const prefix = getSetting(db, 'gs1.companyPrefix');
  if (!prefix) throw fail.rule('errors.sscc.noCompanyPrefix');
  const extension = Number(getSetting(db, 'gs1.ssccExtension') ?? 0);
  const serial = nextCounterValue(db, `sscc:${extension}:${prefix}`);
  try {
    return formatSscc(extension, prefix, serial);
  } catch {
    // The counter ran past what the prefix leaves for serials: the company needs a new prefix or extension digit.
    throw fail.rule('errors.sscc.exhausted', { prefix, extension });
  }
}
