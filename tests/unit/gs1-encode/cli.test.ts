/** `lotdesk gs1 encode` through the real binary, as support staff would run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from '../documents/helpers/zxing';
import { decodeZplCode128 } from '../documents/helpers/zpl-code128';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'lotdesk-encode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lotdesk(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/lotdesk.mjs'), 'gs1', 'encode', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DATA = '(01)09506000134352(17)271231(10)AB-123';

describe('lotdesk gs1 encode', () => {
  it.each([
    ['gs1-128', ']C1'],
    ['datamatrix', ']d2'],
    ['qr', ']Q3'],
  ])('--format %s writes a PNG that decodes to the data', async (format, aim) => {
    const out = join(dir, `${format}.png`);
    const r = lotdesk(DATA, '--format', format, '--out', out);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [decoded] = await decodePng(readFileSync(out));
    expect([decoded.symbologyIdentifier, decoded.hri]).toEqual([aim, DATA]);
  });

  it('--format zpl prints ZPL to stdout, or writes it with --out', () => {
    const r = lotdesk(DATA, '--format', 'zpl');
    expect(r.code).toBe(0);
    const field = /\^BC[^^]*\^FD([^^]*)\^FS/.exec(r.stdout)![1];
    expect(decodeZplCode128(field).transmitted).toBe(']C1010950600013435217271231' + '10AB-123');
    const out = join(dir, 'label.zpl');
    expect(lotdesk(DATA, '--format=zpl', `--out=${out}`).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it('exits 1 with the lint error on invalid data, for every format', () => {
    for (const format of ['gs1-128', 'datamatrix', 'qr', 'zpl']) {
      const r = lotdesk('(01)09506000134353(10)A', '--format', format, '--out', join(dir, 'bad'));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('GS1badChecksum: AI 01: Bad checksum');
    }
    expect(lotdesk('(10)ABC', '--format', 'zpl').stderr).toContain('GS1missingAIs');
  });

  it('exits 2 with usage on bad arguments', () => {
    expect(lotdesk(DATA).code).toBe(2);
    expect(lotdesk(DATA, '--format', 'pdf').stderr).toContain('--format must be one of');
    expect(lotdesk(DATA, '--format', 'qr').stderr).toContain('--out FILE is required');
    expect(lotdesk('--format', 'qr').stderr).toContain('missing the element string');
  });
});
