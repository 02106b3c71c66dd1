/** Every text exists in both languages, and every error key the core can raise has a text. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/i18n/catalog';
import type { MessageTree } from '../../src/i18n/locales';
import { ROOT } from '../support/cli';
import { translate, unitName } from '../../src/i18n/translate';
import { LOCALES } from '../../src/i18n/locales';
import { UNITS } from '../../src/domain/quantity';

function keys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function files(dir: string, endings = ['.ts']): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, endings) : endings.some((e) => p.endsWith(e)) ? [p] : [];
  });
}

describe('i18n', () => {
  it('has the same keys in English and Simplified Chinese', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages.en).sort());
  });

  it('has a text for every errors.* key used in the core', () => {
    const en = new Set(keys(messages.en));
    const used = new Set<string>();
    for (const f of files(join(ROOT, 'src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/'(errors\.[a-zA-Z]+\.[a-zA-Z_.]+|errors\.internal)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });

  it('writes Chinese texts in Chinese', () => {
    const zh = keys(messages['zh-CN']).filter((k) => k.startsWith('errors.'));
    const flat = (tree: MessageTree, key: string) => key.split('.').reduce<unknown>((t, k) => (t as MessageTree)[k], tree) as string;
    for (const k of zh) expect(flat(messages['zh-CN'], k), k).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows status, role and action codes in error texts as words of the reader language', () => {
    const params = { lot: '261125-WH1-0001', status: 'quarantine', action: 'pick' };
    expect(translate('en', 'errors.lot.statusForbids', params)).toBe(
      'Lot 261125-WH1-0001 has status Quarantine, so picking is not allowed. Choose another lot or ask QC to change its status.',
    );
    expect(translate('zh-CN', 'errors.lot.statusForbids', params)).toBe('批次 261125-WH1-0001 的状态为“待检”，不允许拣货。请选择其他批次，或请质检更改其状态。');
    expect(translate('zh-CN', 'errors.auth.forbidden', { role: 'clerk' })).toContain('收货员');
    // A value that is not a known code is shown as it came.
    expect(translate('en', 'errors.auth.forbidden', { role: 'robot' })).toContain('(robot)');
  });
});

describe('error parameters in the reader language', () => {
  it('names every unit as the screens do, in both languages', () => {
    for (const unit of Object.keys(UNITS)) {
      for (const locale of LOCALES) {
        const name = translate(locale, `ui.unit.${unit}`);
        expect(name, `${locale} ${unit}`).not.toBe(`ui.unit.${unit}`);
        expect(unitName(locale, unit)).toBe(name);
        expect(translate(locale, 'errors.picking.overPick', { remaining: 3, unit, lot: 'L1' })).toContain(`3 ${name}`);
        expect(translate(locale, 'errors.quantity.wrongUnit', { unit, itemUnit: unit })).toContain(`${name}, not ${name}`.replace(', not ', locale === 'en' ? ', not ' : '，而不是 '));
      }
    }
    expect(translate('zh-CN', 'errors.stock.notEnoughInBin', { bin: 'RCV-01', lot: 'L1', available: 15, unit: 'pcs' })).toBe('库位 RCV-01 中批次 L1 仅有 15 件。请输入不超过此数量。');
    expect(unitName('zh-CN', 'furlong')).toBe('furlong');
  });

  it('puts no space between a Chinese unit name and the Chinese after it ("156 件未收", not "156 件 未收")', () => {
    const zh = messages['zh-CN'];
    const text = (key: string) => key.split('.').reduce<unknown>((t, k) => (t as MessageTree)[k], zh) as string;
    const spaced = keys(zh).filter((k) => /\{(unit|itemUnit)\} [\u3000-\u9fff\uff00-\uffef]/.test(text(k)) && !/单位 \{unit\}/.test(text(k)));
    expect(spaced).toEqual([]);
    expect(translate('zh-CN', 'errors.receiving.overReceipt', { po: 'PO-1001', open: 156, unit: 'pcs' })).toBe('PO-1001 仅剩 156 件未收。请最多收这么多，或请采购员追加订单。');
  });

  it('puts no space after a quantity the screens pass already formatted with its unit ("还有 5 件未扫描")', () => {
    // The rule above sees units only as {unit}/{itemUnit}; a screen may pass fmt.quantity(q, unit)
    // ("5 件") as any parameter. Find those parameters in the renderer's t('key', { … }) calls.
    const zh = messages['zh-CN'];
    const text = (key: string) => key.split('.').reduce<unknown>((t, k) => (t as MessageTree | undefined)?.[k], zh);
    const withUnit = new Set<string>();
    for (const file of [...files(join(ROOT, 'renderer'), ['.ts', '.vue'])]) {
      const source = readFileSync(file, 'utf8');
      for (const call of source.matchAll(/\bt\('([\w.]+)',\s*\{/g)) {
        // The parameter object, up to its matching brace.
        let depth = 0;
        let end = call.index + call[0].length - 1;
        for (; end < source.length; end++) {
          if (source[end] === '{') depth++;
          else if (source[end] === '}' && --depth === 0) break;
        }
        const object = source.slice(call.index + call[0].length, end);
        for (const param of object.matchAll(/(\w+):\s*fmt\.quantity\(/g)) withUnit.add(`${call[1]}|${param[1]}`);
      }
    }
    // The scan finds the known ones (it must not pass by finding nothing).
    expect([...withUnit]).toEqual(expect.arrayContaining(['ui.outbound.packing.missing|quantity', 'ui.count.shortenedLine|quantity', 'ui.adjust.done|balance']));
    const spaced = [...withUnit].filter((pair) => {
      const [key, param] = pair.split('|');
      const message = text(key);
      return typeof message === 'string' && new RegExp(`\\{${param}\\} [\u3000-\u9fff\uff00-\uffef]`).test(message);
    });
    expect(spaced).toEqual([]);
    expect(translate('zh-CN', 'ui.outbound.packing.missing', { quantity: '5 件' })).toBe('还有 5 件未扫描');
  });

  it('writes the numbers of a message with a unit as quantities: grouped, with the unit', () => {
    const params = { lot: 'L1', picked: 4, checked: 1.5, quantity: 99999999999, unit: 'pcs' };
    expect(translate('en', 'errors.packing.tooMany', params)).toBe('Lot L1: 4 pcs were picked and 1.5 pcs are checked already; 99,999,999,999 pcs more is too many. Check the case and the count.');
    expect(translate('zh-CN', 'errors.packing.tooMany', params)).toBe('批次 L1：已拣 4 件，已复核 1.5 件；再加 99,999,999,999 件就多了。请核对箱子和数量。');
    // Numbers of a message without a unit are left as they are.
    expect(translate('en', 'errors.shipping.pickingOpen', { order: 'SO-1', open: 1234 })).toContain('1234');
  });

  it('says a unit without decimals is counted whole', () => {
    expect(translate('en', 'errors.quantity.wholeUnits', { unit: 'pcs', decimals: 0 })).toBe('This is counted in whole pcs: enter a whole number.');
    expect(translate('zh-CN', 'errors.quantity.wholeUnits', { unit: 'case', decimals: 0 })).toBe('此处按整箱计数，请输入整数。');
  });

  it('formats calendar-date parameters, whatever their name, and leaves other values alone', () => {
    const params = { lot: '261126-WH1-0001', expiry: '2027-06-14', scanned: '261126-WH1-0002', bin: 'A-01' };
    expect(translate('en', 'errors.picking.mustGoFirstExpiry', params)).toBe(
      'Lot 261126-WH1-0001 expires Jun 14, 2027 and must go before 261126-WH1-0002; it is in bin A-01. Pick it from there, or ask a lead to approve.',
    );
    expect(translate('zh-CN', 'errors.picking.mustGoFirstExpiry', params)).toContain('于 2027年6月14日 到期');
    expect(translate('en', 'errors.orders.requestedInPast', { date: '2026-11-01' })).toContain('Nov 1, 2026');
    // Not a real calendar date: shown as it came.
    expect(translate('en', 'errors.orders.requestedInPast', { date: '2027-02-30' })).toContain('2027-02-30');
  });
});
