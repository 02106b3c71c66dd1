/** Every text exists in both languages, and every error key the core can raise has a text. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/i18n/catalog';
import type { MessageTree } from '../../src/i18n/locales';
import { ROOT } from '../support/cli';
import { translate } from '../../src/i18n/translate';

function keys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
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
