/** `lotdesk gs1 parse` through the real binary, as support staff run it. */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function lotdesk(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/lotdesk.mjs', 'gs1', 'parse', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('lotdesk gs1 parse', () => {
  it('prints the scan as JSON and exits 0 (escape \\x1D for GS)', () => {
    const r = lotdesk(']C10109506000134352\\x1D10ABC\\x1D17271200');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      ok: true,
      symbology: 'GS1-128',
      elements: [
        { ai: '01', value: '09506000134352', title: 'GTIN' },
        { ai: '10', value: 'ABC', title: 'BATCH/LOT' },
        { ai: '17', value: '271200', title: 'USE BY or EXPIRY', decoded: '2027-12-31' },
      ],
      gtin: '09506000134352',
      batch: 'ABC',
      expiry: '2027-12-31',
    });
  });

  it('accepts a real GS character and a --gs substitute', () => {
    expect(JSON.parse(lotdesk('0109506000134352\x1d10ABC').out).batch).toBe('ABC');
    const r = lotdesk('0109506000134352|10ABC|21S1', '--gs', '|');
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, batch: 'ABC', serial: 'S1' });
  });

  it('prints the typed error and exits 1', () => {
    const r = lotdesk('(01)09506000134353');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      ok: false,
      error: { code: 'check_digit', ai: '01', position: 18, message: 'AI (01) at character 18: wrong check digit (expected 2).' },
    });
  });

  it('exits 2 with usage when the scan is missing', () => {
    const r = lotdesk();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage: lotdesk gs1 parse/);
  });
});
