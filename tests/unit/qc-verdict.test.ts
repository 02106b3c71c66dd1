/** The inspection verdict: nonconforming samples per characteristic against Ac/Re, and mandatory results missing. */
import { describe, expect, it } from 'vitest';
import { verdict, type SampleResult } from '../../src/domain/qc/verdict';

const iso = { kind: 'iso2859', level: 'II', severity: 'normal' } as const;
// Lot of 1000, level II → J: AQL 1.0 → n 80 Ac 2 Re 3; AQL 6.5 → n 80 Ac 10 Re 11.
const characteristics = [
  { code: 'LEN', stage: 'inspection' as const, mandatory: true, aql: 1 },
  { code: 'LOOK', stage: 'inspection' as const, mandatory: false, aql: 6.5 },
  { code: 'TEMP', stage: 'process' as const, mandatory: true, aql: null },
];
const samples = (code: string, n: number, bad: number[] = []): SampleResult[] =>
  Array.from({ length: n }, (_, i) => ({ characteristicCode: code, sampleNo: i + 1, inSpec: !bad.includes(i + 1) }));

describe('verdict', () => {
  it('is incomplete with mandatory results missing, and says how many', () => {
    const v = verdict({ sampling: iso, characteristics, lotSize: 1000, results: samples('LEN', 50) });
    expect(v.decision).toBe('incomplete');
    expect(v.missingMandatory).toEqual([{ code: 'LEN', missing: 30 }]);
    expect(v.sampleSize).toBe(80);
    expect(v.characteristics.map((c) => c.code)).toEqual(['LEN', 'LOOK']);
  });
  it('accepts with Ac nonconforming, an optional characteristic left unrecorded', () => {
    const v = verdict({ sampling: iso, characteristics, lotSize: 1000, results: samples('LEN', 80, [3, 40]) });
    expect(v.characteristics[0]).toMatchObject({ recorded: 80, nonconforming: 2, status: 'accept', plan: { n: 80, ac: 2, re: 3 } });
    expect(v.characteristics[1].status).toBe('incomplete');
    expect(v.decision).toBe('accept');
    expect(v.missingMandatory).toEqual([]);
  });
  it('rejects as soon as Re is reached, even before the sample is complete', () => {
    const v = verdict({ sampling: iso, characteristics, lotSize: 1000, results: samples('LEN', 10, [1, 2, 3]) });
    expect(v.characteristics[0].status).toBe('reject');
    expect(v.decision).toBe('reject');
  });
  it('holds the lot while a started optional characteristic is incomplete', () => {
    const v = verdict({ sampling: iso, characteristics, lotSize: 1000, results: [...samples('LEN', 80), ...samples('LOOK', 5)] });
    expect(v.decision).toBe('incomplete');
    expect(v.missingMandatory).toEqual([]);
  });
  it('counts each sample once and ignores samples past n', () => {
    const results = [...samples('LEN', 80), { characteristicCode: 'LEN', sampleNo: 81, inSpec: false }, { characteristicCode: 'LEN', sampleNo: 82, inSpec: false }, { characteristicCode: 'LEN', sampleNo: 83, inSpec: false }];
    expect(verdict({ sampling: iso, characteristics, lotSize: 1000, results }).decision).toBe('accept');
  });
  it('decides nothing with nothing recorded', () => {
    const optional = characteristics.map((c) => ({ ...c, mandatory: false }));
    expect(verdict({ sampling: iso, characteristics: optional, lotSize: 1000, results: [] }).decision).toBe('incomplete');
  });
  it('accepts between Ac and Re on reduced inspection and asks for normal inspection again', () => {
    // Lot 1000, II, reduced, AQL 1.0 → J n 32 Ac 1 Re 3.
    const reduced = { kind: 'iso2859', level: 'II', severity: 'reduced' } as const;
    const v = verdict({ sampling: reduced, characteristics: [characteristics[0]], lotSize: 1000, results: samples('LEN', 32, [4, 9]) });
    expect(v.characteristics[0]).toMatchObject({ status: 'accept', reinstateNormal: true, nonconforming: 2, plan: { n: 32, ac: 1, re: 3 } });
    expect(verdict({ sampling: reduced, characteristics: [characteristics[0]], lotSize: 1000, results: samples('LEN', 32, [4, 9, 10]) }).decision).toBe('reject');
  });
  it('judges a fixed sample with Ac 0, capped at a small lot', () => {
    const fixed = { kind: 'fixed', n: 5 } as const;
    const one = [{ code: 'SEAL', stage: 'inspection' as const, mandatory: true, aql: null }];
    expect(verdict({ sampling: fixed, characteristics: one, lotSize: 3, results: samples('SEAL', 3) })).toMatchObject({ decision: 'accept', sampleSize: 3 });
    expect(verdict({ sampling: fixed, characteristics: one, lotSize: 30, results: samples('SEAL', 2, [2]) }).decision).toBe('reject');
  });
});
