/** The committed AI table is exactly what the generator makes of the dictionary, and every linter it names exists. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LICENSE_PATH, TABLE_PATH, parseDictionary, readSources, renderLicense, renderTable } from '../../../scripts/gen-gs1-table';
import { aiDef, allAis } from '../../../src/domain/gs1/ai-index';
import { AI_ROWS } from '../../../src/domain/gs1/ai-table.generated';
import { LINTERS, UNCHECKED_LINTERS } from '../../../src/domain/gs1/linters';

describe('generated GS1 AI table', () => {
  const src = readSources();

  it('matches a fresh run of scripts/gen-gs1-table.ts', () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(renderTable(src));
    expect(readFileSync(LICENSE_PATH, 'utf8')).toBe(renderLicense(src));
  });

  it('keeps the dictionary licence notice and names the dictionary version', () => {
    expect(renderLicense(src)).toContain('Copyright (c) 2021-2025 GS1 AISBL');
    expect(renderLicense(src)).toContain('Apache License');
    expect(renderTable(src)).toMatch(/commit [0-9a-f]{40}, sha256 [0-9a-f]{64}/);
  });

  it('has one row per dictionary entry and implements every linter it names', () => {
    expect(AI_ROWS.length).toBe(parseDictionary(src.dictionary).rows.length);
    const names = new Set(AI_ROWS.flatMap((r) => r.parts.flatMap((p) => p.linters)));
    for (const name of names) expect(name in LINTERS || UNCHECKED_LINTERS.has(name), name).toBe(true);
  });

  it('reads flags, lengths, optional parts, req=, ex= and dlpkey= as the dictionary writes them', () => {
    const row = (ai: string) => AI_ROWS.find((r) => r.from === ai)!;
    expect(row('01')).toMatchObject({ predefined: true, dlAttr: true, ex: ['255', '37'], dlpkey: [['22', '10', '21'], ['235']] });
    expect(row('10')).toMatchObject({ predefined: false, parts: [{ cset: 'X', min: 1, max: 20, opt: false }] });
    expect(row('250').req).toEqual([[['01', '21'], ['03', '21'], ['8006', '21']]]);
    expect(row('8008').parts.map((p) => [p.min, p.max, p.opt, p.linters])).toEqual([
      [6, 6, false, ['yymmdd']], [2, 2, false, ['hh']], [2, 2, true, ['mi']], [2, 2, true, ['ss']],
    ]);
    expect(row('3100')).toMatchObject({ to: '3105', decimals: true, unit: 'kg' });
    expect(row('21').dlAttr).toBe(false);
  });

  it('expands AI ranges into single AIs', () => {
    expect(aiDef('3105')?.title).toBe('NET WEIGHT (kg)');
    expect(aiDef('3106')).toBeUndefined();
    expect(aiDef('95')?.maxLen).toBe(90);
    expect(allAis().length).toBeGreaterThan(500);
  });
});
