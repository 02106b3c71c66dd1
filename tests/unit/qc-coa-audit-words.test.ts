/**
 * The Audit screen names what a supplier's CoA, an expiry extension and a retained sample changed
 * (src/app/qc/supplier-coa.ts, retest.ts, retained-samples.ts) in words of both languages, never as
 * the fields' codes.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { messages } from '../../src/i18n/catalog';
import { changeGroups } from '../../renderer/admin/audit-change-text';
import type { AuditChangeView } from '../../src/contract/results';

const i18n = createI18n({ legacy: false, locale: 'en', messages: messages as never, missingWarn: false, fallbackWarn: false });
const g = i18n.global as unknown as { t(key: string, named?: Record<string, unknown>): string; te(key: string): boolean; locale: { value: string } };
const groups = (locale: string, changes: AuditChangeView[]) => {
  g.locale.value = locale;
  return changeGroups((k, p) => g.t(k, p ?? {}), (k) => g.te(k), changes);
};
const change = (object: string, field: string, before: AuditChangeView['before'], after: AuditChangeView['after']): AuditChangeView => ({ object, objectId: 'x', label: 'L-1', field, before, after });

const changes = [
  change('lot', 'supplierCoa', null, 'coa.pdf 0a1b'),
  change('lot', 'expiryDate', '2027-01-01', '2027-03-01'),
  change('retainedSample', 'sampleQuantity', null, '2 pcs'),
  change('retainedSample', 'sampleLocation', null, 'RS-1'),
  change('retainedSample', 'destructionDate', null, '2028-01-01'),
  change('retainedSample', 'sampleNote', null, 'two cartons'),
  change('retainedSample', 'destroyedAt', null, '2028-01-02T08:00:00.000Z'),
  change('retainedSample', 'destroyedBy', null, 'inspector'),
];

describe('QC record audit words', () => {
  it('names every field and object in English and Chinese', () => {
    const fields = new Set(changes.map((c) => c.field));
    for (const locale of ['en', 'zh-CN']) {
      const shown = groups(locale, changes);
      expect(shown.map((s) => s.object)).toEqual(locale === 'en' ? ['Lot L-1', 'Retained sample L-1'] : ['批次 L-1', '留样 L-1']);
      expect(shown.flatMap((s) => s.lines.map((l) => l.split(':')[0])).filter((n) => fields.has(n))).toEqual([]);
    }
    expect(groups('zh-CN', changes)[1].lines[1]).toBe('存放位置: — → RS-1');
  });
});
