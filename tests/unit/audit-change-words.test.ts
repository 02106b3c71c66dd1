/**
 * The Audit screen names what an item, a supplier or customer, a bin and a purchase order changed
 * in the reader's language (renderer/admin/audit-change-text.ts): the fields those records note
 * (src/app/master-data/items.ts, parties.ts, locations.ts, src/app/inbound/purchase-orders.ts)
 * each have a word in English and in Chinese, and are not shown as their codes.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { messages } from '../../src/i18n/catalog';
import { itemAuditFields } from '../../src/app/master-data/items';
import { partyAuditFields } from '../../src/app/master-data/parties';
import { changeGroups } from '../../renderer/admin/audit-change-text';
import type { AuditChangeView } from '../../src/contract/results';

const i18n = createI18n({ legacy: false, locale: 'en', messages: messages as never, missingWarn: false, fallbackWarn: false });
const g = i18n.global as unknown as { t(key: string, named?: Record<string, unknown>): string; te(key: string): boolean; locale: { value: string } };
const groups = (locale: string, changes: AuditChangeView[]) => {
  g.locale.value = locale;
  return changeGroups((k, p) => g.t(k, p ?? {}), (k) => g.te(k), changes);
};
const created = (object: string, label: string, fields: Record<string, AuditChangeView['after']>): AuditChangeView[] =>
  Object.entries(fields).map(([field, after]) => ({ object, objectId: 'x', label, field, before: null, after }));

const item = itemAuditFields(
  { sku: 'GREEN-100', gtin: '06950000004017', name: 'Green tea', nameZh: '绿茶', unit: 'pcs', shelfLifeDays: 540, qcRequired: false, removalStrategy: 'FEFO', nearExpiryDays: null, lotPattern: null, defaultZone: 'A', catchWeight: false } as never,
  true,
);
const party = partyAuditFields({ kind: 'customer', code: 'CUS-WH', name: 'Wuhan Mart', nameZh: '武汉超市', gln: null, address: null, region: 'CN-HB', channel: 'retail', contacts: [], active: true } as never);

describe('audit change words', () => {
  it('names every field of an item, a customer, a bin and a purchase order in both languages', () => {
    const changes = [
      ...created('item', 'GREEN-100', item as Record<string, AuditChangeView['after']>),
      ...created('party', 'CUS-WH', party as Record<string, AuditChangeView['after']>),
      ...created('location', 'RCV-01', { code: 'RCV-01', zone: 'A', kind: 'receiving', active: true }),
      ...created('purchaseOrder', 'PO-1', { supplier: 'SUP-FJ', reference: 'FJ-1', expectedDate: null, status: 'open', closedReason: null, 'line 1': 'GREEN-100 48 pcs' }),
    ];
    // In Chinese no field reads as its code…
    const zh = groups('zh-CN', changes);
    const codes = new Set(changes.map((c) => c.field));
    expect(zh.flatMap((s) => s.lines.map((l) => l.split(':')[0])).filter((n) => codes.has(n))).toEqual([]);
    expect(zh.map((s) => s.object)).toEqual(['物料 GREEN-100', '供应商/客户 CUS-WH', '库位 RCV-01', '采购订单 PO-1']);
    // …and each has its English word too.
    g.locale.value = 'en';
    expect([...codes].filter((f) => !g.te(`ui.audit.fields.${f.startsWith('line ') ? 'line' : f}`))).toEqual([]);
    expect(groups('en', changes)[1]!.lines[0]).toBe('kind: — → customer');
    expect(groups('zh-CN', changes)[1]!.lines[0]).toBe('类型: — → 客户');
    expect(groups('zh-CN', changes)[2]).toEqual({ object: '库位 RCV-01', lines: ['代码: — → RCV-01', '库区: — → A', '类型: — → 收货区', '启用: — → 是'] });
    expect(groups('zh-CN', changes)[3]!.lines.at(-1)).toBe('第 1 行: — → GREEN-100 48 pcs');
    expect(groups('zh-CN', changes)[3]!.lines).toContain('状态: — → 待收货');
    expect(groups('en', changes)[3]!.lines).toContain('status: — → Open');
    expect(groups('en', changes)[0]!.object).toBe('Item GREEN-100');
    expect(groups('en', changes)[1]!.object).toBe('Supplier/customer CUS-WH');
  });
});

describe('scan and weight sources', () => {
  it('are words in both languages; a scale stays named by its device id', () => {
    const changes = created('lot', 'L-1', { scanSource: 'hid', weightSource: 'typed' });
    const other = created('lot', 'L-2', { scanSource: 'wedge', weightSource: 'hid:0922:8003:sim:hid-scale' });
    expect(groups('zh-CN', changes)[0].lines).toEqual(['扫描来源: — → HID 扫描枪', '称重设备: — → 手工输入']);
    expect(groups('zh-CN', other)[0].lines).toEqual(['扫描来源: — → 键盘模拟扫描枪', '称重设备: — → hid:0922:8003:sim:hid-scale']);
    expect(groups('en', created('lot', 'L-3', { scanSource: 'typed' }))[0].lines).toEqual(['scanned by: — → typed']);
  });
});
