import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lotdesk, ROOT } from '../support/cli';
import { openDatabase } from '../../src/store/db';
import { compareBalances } from '../../src/store/ledger';
import { verifyAudit } from '../../src/app/kernel/audit-log';
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
    expect(verifyAudit(db).problems).toEqual([]);
    db.close();
    expect(lotdesk(['seed', '--db', file, '--demo']).status).toBe(1);
  });

  it('seeds a generated data set whose balances equal its ledger', () => {
    const file = join(dir, 'scale.db');
    const r = lotdesk(['seed', '--db', file, '--scale', '500']);
    expect(r.stdout).toMatch(/500 lots, 5000 movements/);
    const db = openDatabase(file);
    expect(db.prepare('SELECT COUNT(*) AS n FROM movements').get()).toEqual({ n: 5000 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM locations WHERE code LIKE 'A-%' OR code LIKE 'B-%'").get()).toEqual({ n: 2000 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM lots l JOIN items i ON i.id = l.item_id WHERE i.sku = 'GEN-0001'").get()).toEqual({ n: 50 });
    expect(db.prepare('SELECT SUM(quantity) AS q FROM balances').get()).toEqual({ q: 500 * 92 * 1000 });
    expect(compareBalances(db)).toEqual([]);
    db.close();
  });

  it('refuses a scale that is not a positive whole number', () => {
    expect(lotdesk(['seed', '--db', join(dir, 'x.db'), '--scale', '-3']).status).toBe(2);
  });
});
