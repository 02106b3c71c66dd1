/**
 * Properties over generated input: the parser never throws and stays fast on anything; valid
 * element strings round-trip in every input form; and it never accepts what bwip-js's GS1
 * linter (BWIPP, an independent implementation of the same rules) rejects.
 */
import { translate } from '../../../src/i18n/translate';
import bwipjs from 'bwip-js/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aiDef } from '../../../src/domain/gs1/ai-index';
import { parseScan, type Gs1ParseResult } from '../../../src/domain/gs1';
import { anyScanText, nearlyValidBracketed, toBracketed, toElementString, validItem, type Element } from './arbitraries';

const RUNS = 10_000;
const TODAY = { today: '2026-11-25' };
const predefined = (ai: string) => aiDef(ai)?.predefined ?? false;
const pairs = (r: Gs1ParseResult) => (r.ok ? r.elements.map((e) => ({ ai: e.ai, value: e.value })) : r.error);
const byAi = (els: Element[]) => [...els].sort((a, b) => (a.ai < b.ai ? -1 : 1));

function bwipAccepts(bracketed: string): boolean {
  try {
    // lintreqs (check req= too) and dontdraw (lint and encode only) are BWIPP options bwip-js passes on untyped.
    const options = { bcid: 'gs1datamatrix', text: bracketed, lintreqs: true, dontdraw: true };
    bwipjs.toSVG(options as Parameters<typeof bwipjs.toSVG>[0]);
    return true;
  } catch {
    return false;
  }
}

describe('parseScan on arbitrary input', () => {
  it('never throws and always answers with ok or a typed error', () => {
    fc.assert(
      fc.property(anyScanText, fc.constantFrom(undefined, '~', '|'), (text, gsSubstitute) => {
        const r = parseScan(text, { ...TODAY, gsSubstitute });
        if (!r.ok) {
          expect(typeof r.error.code).toBe('string');
          expect(translate('en', r.error.key, r.error.params)).not.toMatch(/\{\w+\}|undefined/);
          expect(r.error.key).toMatch(/^gs1\.error\./);
        }
      }),
      { numRuns: RUNS },
    );
  });

  // A parse that went quadratic would run for minutes here and fail on the test's timeout; its speed is in the gs1-parse bench.
  it('answers on a megabyte of adversarial input', () => {
    const inputs = [
      '11271231'.repeat(125_000),
      `(01)09506000134352${'('.repeat(1_000_000)}`,
      `0109506000134352${'10A\x1d'.repeat(250_000)}`,
      `https://x.y/${'01/'.repeat(300_000)}`,
      `https://x.y/01/09506000134352?${'a=b&'.repeat(250_000)}`,
    ];
    for (const input of inputs) expect(typeof parseScan(input, TODAY).ok, input.slice(0, 30)).toBe('boolean');
  });
});

describe('round trip of valid element strings', () => {
  it('raw element strings (with or without an AIM prefix), HRI and Digital Link give back the elements', () => {
    fc.assert(
      fc.property(validItem, fc.constantFrom('', ']C1', ']d2', ']Q3', ']e0'), (els, aim) => {
        expect(pairs(parseScan(aim + toElementString(els, predefined), TODAY))).toEqual(els);
        expect(pairs(parseScan(toBracketed(els), TODAY))).toEqual(els);
        const path = els.filter((e) => e.ai === '01' || e.ai === '10' || e.ai === '21');
        const query = els.filter((e) => !path.includes(e));
        const inOrder = ['01', '10', '21'].flatMap((ai) => path.filter((e) => e.ai === ai));
        const uri =
          'https://example.com' +
          inOrder.map((e) => `/${e.ai}/${encodeURIComponent(e.value)}`).join('') +
          (query.length ? '?' + query.map((e) => `${e.ai}=${encodeURIComponent(e.value)}`).join('&') : '');
        const dl = parseScan(uri, TODAY);
        expect(dl.ok && byAi(pairs(dl) as Element[])).toEqual(byAi(els));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('bwip-js as oracle', () => {
  it('accepts every valid generated element string', () => {
    fc.assert(
      fc.property(validItem, (els) => {
        const text = toBracketed(els);
        expect(parseScan(text, TODAY).ok).toBe(true);
        expect(bwipAccepts(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts an element string that bwip-js rejects', () => {
    let accepted = 0;
    fc.assert(
      fc.property(nearlyValidBracketed, (text) => {
        const ours = parseScan(text, TODAY);
        if (!ours.ok) return;
        accepted++;
        expect(bwipAccepts(text), `${text} accepted by parseScan`).toBe(true);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach valid strings often enough for the oracle to mean something.
    expect(accepted).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
