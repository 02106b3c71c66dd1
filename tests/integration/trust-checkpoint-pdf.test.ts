/**
 * The signed checkpoint as a PDF the manager prints or exports (issue 18), read back as a person
 * would (pdftotext): in English and in Chinese it names the newest record and its hash, the
 * signing key's fingerprint and who printed it, and carries the checkpoint line that verifies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot } from '../support/inventory';
import { lotdesk } from '../support/cli';
import { grouped } from '../../src/documents/audit-checkpoint';
import type { Client } from '../../src/contract/client';

let desk: TestDesk;
let manager: Client;
beforeEach(async () => {
  desk = await openTestDesk();
  const clerk = await desk.signedIn('clerk', '1111');
  await receiveLot(clerk, await demoRefs(clerk), 'TEA-250', 5, '2027-06-30');
  manager = await desk.signedIn('manager', '4444');
});
afterEach(() => desk.close());

function pdfText(base64: string, name: string): string {
  const file = join(desk.dir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

const head = () => desk.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };

describe('audit.checkpointPdf', () => {
  it('prints the signed head in English: record, hash, fingerprint, printer; the file anchors verify', async () => {
    const h = head();
    const pdf = await manager.call('audit.checkpointPdf', { locale: 'en' });
    expect(pdf.fileName).toBe(`lotdesk-checkpoint-${h.seq}.pdf`);
    const text = pdfText(pdf.base64, 'cp-en.pdf');
    expect(text).toContain('LotDesk audit checkpoint');
    expect(text).toContain(`#${h.seq}`);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(grouped(h.hash));
    const { fingerprint } = await manager.call('audit.checkpoint');
    expect(flat).toContain(grouped(fingerprint));
    expect(text).toMatch(/Printed by\s+\S+/);
    expect(text).toContain('Checked and filed by');
    // The same head went into the station's checkpoint file: a trail cut below it is named.
    expect(lotdesk(['audit', 'verify', '--db', desk.file]).stdout).toMatch(/audit trail intact/);
  });

  it('prints it in Chinese with the embedded font', async () => {
    const h = head();
    const text = pdfText((await manager.call('audit.checkpointPdf', { locale: 'zh-CN' })).base64, 'cp-zh.pdf');
    expect(text).toContain('LotDesk 审计检查点');
    expect(text).toContain('签名密钥指纹');
    expect(text).toContain(`#${h.seq}`);
  });

  it('is the manager’s: a clerk is refused', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('audit.checkpointPdf', {}))).code).toBe('forbidden');
  });
});
