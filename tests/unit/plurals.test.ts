/**
 * English counts take the singular for one ("1 line short", not "1 lines short"), through
 * vue-i18n's plural forms ('one | many') as the renderer calls them: t(key, { count }, count).
 * Chinese has no plural: one form for every count.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { messages } from '../../src/i18n/catalog';

const i18n = createI18n({ legacy: false, locale: 'en', messages: messages as never, missingWarn: false, fallbackWarn: false });
const g = i18n.global as unknown as { t(key: string, named: Record<string, unknown>, plural: number): string; locale: { value: string } };
const t = (locale: string, key: string, count: number, named: Record<string, unknown> = {}) => {
  g.locale.value = locale;
  return g.t(key, { count, ...named }, count);
};

describe('plural texts', () => {
  it.each([
    ['ui.outbound.orders.shortLines', '1 line short', '2 lines short'],
    ['ui.outbound.orders.count', '1 order', '250 orders'],
    ['ui.outbound.packing.differences', '1 lot differs from the pick', '2 lots differ from the pick'],
    ['ui.outbound.packing.openPicks', '1 pick line still open', '2 pick lines still open'],
    ['ui.outbound.import.counts.orders', '1 order', '2 orders'],
    ['ui.outbound.import.counts.rows', '1 row', '2 rows'],
    ['ui.outbound.import.counts.problems', '1 problem', '2 problems'],
  ])('%s reads singular for one in English', (key, one, many) => {
    expect(t('en', key, 1)).toBe(one);
    expect(t('en', key, Number(many.split(' ')[0]))).toBe(many);
  });

  it('puts the counted pieces into the import sentences', () => {
    const counted = (what: string, n: number) => t('en', `ui.outbound.import.counts.${what}`, n);
    g.locale.value = 'en';
    expect(g.t('ui.outbound.import.problems', { problems: counted('problems', 1), rows: counted('rows', 2) }, 1)).toMatch(/^1 problem in 2 rows\. /);
    expect(g.t('ui.outbound.import.ready', { orders: counted('orders', 1), rows: counted('rows', 1) }, 1)).toBe('1 order from 1 row, all checked.');
    expect(g.t('ui.outbound.import.import', { orders: counted('orders', 1) }, 1)).toBe('Import 1 order');
  });

  it('keeps one form in Chinese', () => {
    expect([1, 2].map((n) => t('zh-CN', 'ui.outbound.orders.shortLines', n))).toEqual(['1 行缺货', '2 行缺货']);
    expect([1, 2].map((n) => t('zh-CN', 'ui.outbound.import.counts.orders', n))).toEqual(['1 个订单', '2 个订单']);
    expect(t('zh-CN', 'ui.outbound.packing.differences', 1)).toBe('1 个批次与拣货不一致');
  });
});
