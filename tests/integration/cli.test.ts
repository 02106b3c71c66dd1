import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lotdesk, ROOT } from '../support/cli';
import { openDatabase } from '../../src/store/db';
import { compareBalances } from '../../src/store/ledger';
import { verifySecret } from '../../src/app/people/secret-hash';

const dir = mkdtempSync(join(tmpdir(), 'lotdesk-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lotdesk command line', () => {
  it('runs through npx right after install and lists its commands', () => {
    const r = spawnSync('npx', ['--no-install', 'lotdesk', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const cmd of ['seed --db FILE', 'audit verify', 'store rebuild-balances', 'gs1 parse', 'gs1 encode', 'serve']) expect(r.stdout).toContain(cmd);
  });

  it('answers an unknown command with exit 2 and the help', () => {
    const r = lotdesk(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('seeds the demo data set with a user for each role', () => {
    const file = join(dir, 'demo.db');
    const r = lotdesk(['seed', '--db', file, '--demo']);
    expect(r.status).toBe(0);
    const db = openDatabase(file);
    const users = db.prepare('SELECT username, role, secret_hash FROM users ORDER BY role').all() as { username: string; role: string; secret_hash: string }[];
    expect(users.map((u) => u.role)).toEqual(['admin', 'clerk', 'inspector', 'lead', 'manager']);
    expect(verifySecret('1111', users.find((u) => u.username === 'clerk')!.secret_hash)).toBe(true);
    db.close();
    // Checked with the station key the seed's station made beside the file.
    expect(lotdesk(['audit', 'verify', '--db', file]).stdout).toMatch(/audit trail intact: \d+ records \(keyed/);
    expect(lotdesk(['seed', '--db', file, '--demo']).status).toBe(1);
  });

  it('seeds a generated data set whose balances equal its ledger', () => {
    const file = join(dir, 'scale.db');
    const r = lotdesk(['seed', '--db', file, '--scale', '500']);
    const said = /500 lots, (\d+) movements, (\d+) links, (\d+) shipment lines/.exec(r.stdout);
    expect(said).not.toBeNull();
    const db = openDatabase(file);
    // ~10 movements a lot, and the genealogy of issue 16: links, receipts and shipments.
    const movements = (db.prepare('SELECT COUNT(*) AS n FROM movements').get() as { n: number }).n;
    expect(movements).toBe(Number(said![1]));
    expect(movements).toBeGreaterThan(4000);
    expect(movements).toBeLessThan(6000);
    expect(db.prepare('SELECT COUNT(*) AS n FROM lot_links').get()).toEqual({ n: Number(said![2]) });
    expect(Number(said![2])).toBeGreaterThan(100);
    expect(db.prepare("SELECT COUNT(*) AS n FROM document_lines dl JOIN documents d ON d.id = dl.document_id AND d.kind = 'shipment'").get()).toEqual({ n: Number(said![3]) });
    expect(db.prepare("SELECT COUNT(*) AS n FROM documents WHERE kind = 'receipt'").get()).not.toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM locations WHERE code LIKE 'A-%' OR code LIKE 'B-%'").get()).toEqual({ n: 2000 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM lots l JOIN items i ON i.id = l.item_id WHERE i.sku = 'GEN-0001'").get()).toEqual({ n: 49 }); // a tenth, less lot 0 (a salt lot)
    // The QC share (issue 17): every lot received of a QC item has its inspection; ten flour lots of the five-year supplier (N / 50).
    const qc = /(\d+) QC inspections with (\d+) results \((\d+) lots of GSUP-5Y/.exec(r.stdout);
    expect(db.prepare("SELECT COUNT(*) AS n FROM qc_inspections").get()).toEqual({ n: Number(qc![1]) });
    expect(db.prepare("SELECT COUNT(*) AS n FROM lots l JOIN items i ON i.id = l.item_id AND i.qc_required = 1 WHERE l.supplier_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM qc_inspections q WHERE q.lot_id = l.id)").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM qc_results').get()).toEqual({ n: Number(qc![2]) });
    expect(Number(qc![3])).toBe(10);
    expect(compareBalances(db)).toEqual([]);
    db.close();
  });

  it('refuses a scale that is not a positive whole number', () => {
    expect(lotdesk(['seed', '--db', join(dir, 'x.db'), '--scale', '-3']).status).toBe(2);
  });
});
