import { describe, expect, it } from 'vitest';
import { aiTitleKey, parseScan } from '../../../src/domain/gs1';
import { messages } from '../../../src/i18n/catalog';
import { translate } from '../../../src/i18n/translate';
import gs1 from '../../../src/i18n/messages/gs1';

const ERROR_SAMPLES = [
  '', '(01)09506000134353', '(10)ABC', '(01)09506000134352(37)1', '0109506000134352059', '(01)09506000134352(10)AB C',
  '(01)09506000134352(17)271301', '(01)09506000134352(7003)2712312400', '(01)09506000134352(422)999', '(01)09506000134352(3932)0001',
  '(401)X506', '(01)0950600013435', '(01)09506000134352(10)' + 'A'.repeat(21), '0109506000134352\x1d10A\x1d10B',
  'https:///01/09506000134352', 'https://x.y/products', 'https://x.y/01/09506000134352/21/S/10/L', 'https://x.y/01/09506000134352?21=S',
  'https://x.y/01/09506000134352/10/%ZZ', ']C0123', 'hello', '(01', ']E0123',
];

describe('gs1 messages', () => {
  it('has the same keys in English and Chinese', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(gs1['zh-CN']).sort()).toEqual(keys(gs1.en).sort());
  });

  it.each(ERROR_SAMPLES)('error for %j translates in both languages with every parameter filled', (scan) => {
    const r = parseScan(scan, { today: '2026-11-25' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = translate(locale, r.error.key, r.error.params);
      expect(text).not.toBe(r.error.key);
      expect(text).not.toMatch(/\{\w+\}/);
    }
    expect(messages['zh-CN']).toHaveProperty(r.error.key.split('.'));
  });

  it('covers every error cause the samples reach', () => {
    const reached = new Set(ERROR_SAMPLES.map((s) => { const r = parseScan(s); return r.ok ? '' : r.error.key.slice('gs1.error.'.length); }));
    expect([...reached].sort()).toEqual(Object.keys(gs1.en.gs1.error).filter((k) => k !== 'bad_format_option').sort());
  });

  it('names element titles for the UI, decimal-position AIs by their family', () => {
    expect(aiTitleKey('3103')).toBe('gs1.ai.3100');
    expect(aiTitleKey('10')).toBe('gs1.ai.10');
    expect(translate('zh-CN', aiTitleKey('3102'))).toBe('净重（千克）');
    expect(translate('zh-CN', aiTitleKey('17'))).toBe('有效期');
  });
});
