/**
 * E-signatures (issue 17, 21 CFR Part 11) on a real desk: who signs with which password (a PIN
 * never signs), signing passwords set by their owner or reset by a manager; QC decisions signed
 * with the printed name, the UTC instant, the meaning and the hash of the exact results; a wrong
 * password counted and locking like a PIN; the refusals (mandatory results missing, a second
 * decision, a release the sampling rejects, the recorder signing the release); reopening with a
 * reason and a signature; and a result changed behind the application's back shown as a broken
 * signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, type DemoRefs } from '../support/inventory';
import { milkPlan } from '../support/qc';
import type { Client } from '../../src/contract/client';
import type { QcInspectionDetail } from '../../src/contract/results';
import { canonicalJson, sha256 } from '../../src/app/kernel/canonical-json';
import { signedContent } from '../../src/app/qc/inspection-view';
import { currentResults } from '../../src/store/qc-inspections';
import { MAX_FAILURES } from '../../src/app/people/secret-lockout';

let desk: TestDesk;
let clerk: Client;
let inspector: Client;
let manager: Client;
let admin: Client;

let refs: DemoRefs;
let tick = 0;
/** Each step a second later, so the signatures' instants order the results they signed. */
const step = () => desk.clock.set(new Date(Date.parse(DEMO_NOW) + ++tick * 1000).toISOString());

beforeAll(async () => {
  desk = await openTestDesk();
  milkPlan(desk.db);
  clerk = await desk.signedIn('clerk', '1111');
  inspector = await desk.signedIn('inspector', '2222');
  manager = await desk.signedIn('manager', '4444');
  admin = await desk.signedIn('admin', 'admin1234');
  refs = await demoRefs(clerk);
});
afterAll(() => desk.close());

const userId = (username: string) => (desk.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
const signingHash = (username: string) => (desk.db.prepare('SELECT signing_hash AS h FROM users WHERE username = ?').get(username) as { h: string | null }).h;

describe('signing passwords', () => {
  it('says which secret each user signs with: the demo signers a signing password, the admin the sign-in password, the clerk none', async () => {
    expect(await inspector.call('users.signingStatus')).toEqual({ uses: 'signing_password' });
    expect(await admin.call('users.signingStatus')).toEqual({ uses: 'sign_in_password' });
    expect(await clerk.call('users.signingStatus')).toEqual({ uses: null });
    expect(signingHash('inspector')).toMatch(/^scrypt\$/);
  });

  it('lets a PIN user set their own signing password with their current PIN, audited without the value', async () => {
    await clerk.call('users.setSigningPassword', { current: '1111', password: 'clerk-signs' });
    expect(await clerk.call('users.signingStatus')).toEqual({ uses: 'signing_password' });
    const rec = desk.db.prepare("SELECT changes FROM audit WHERE command = 'users.setSigningPassword' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(rec.changes).toContain('signingPassword');
    expect(rec.changes).not.toContain('clerk-signs');
  });

  it('refuses a wrong current PIN (counted toward the lock) and a password too short, writing nothing', async () => {
    const before = snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures']);
    expect(await errorOf(clerk.call('users.setSigningPassword', { current: '9999', password: 'another-one' }))).toMatchObject({ key: 'errors.users.wrongCurrent', field: 'current' });
    expect((desk.db.prepare('SELECT failures FROM secret_failures WHERE user_id = ?').get(userId('clerk')) as { failures: number }).failures).toBe(1);
    expect(await errorOf(clerk.call('users.setSigningPassword', { current: '1111', password: 'short' }))).toMatchObject({ key: 'errors.user.badPassword', field: 'password' });
    expect(snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures'])).toEqual(before);
  });

  it('lets a manager reset a floor user’s signing password with a reason, never a manager’s', async () => {
    const old = signingHash('inspector');
    await manager.call('users.resetSigningPassword', { userId: userId('inspector'), password: 'fresh-sign-1', reason: 'forgotten' });
    expect(signingHash('inspector')).not.toBe(old);
    expect(await errorOf(manager.call('users.resetSigningPassword', { userId: userId('admin'), password: 'fresh-sign-1', reason: 'forgotten' }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(inspector.call('users.resetSigningPassword', { userId: userId('clerk'), password: 'fresh-sign-1', reason: 'forgotten' }))).toMatchObject({ code: 'forbidden' });
    await manager.call('users.resetSigningPassword', { userId: userId('inspector'), password: 'sign-2222', reason: 'back to the demo one' });
  });
});

/** A milk lot received into quarantine and its inspection (opened at receipt). */
async function milkInspection(quantity = 100): Promise<QcInspectionDetail> {
  const lot = (await receiveLot(clerk, refs, 'MILK-1L', quantity, '2027-05-01')).lot;
  return (await inspector.call('qc.open', { lotId: lot.id })).inspection!;
}

/** Every sample of every mandatory characteristic recorded by `who`; `fail` puts one weight out of spec. */
async function recordAll(who: Client, q: QcInspectionDetail, fail = false) {
  step();
  const values: Record<string, (i: number) => string | boolean> = { WEIGHT: (i) => (fail && i === 2 ? '1010' : '1031.5'), FAT: () => '3.55', SEAL: () => true };
  for (const c of q.characteristics.filter((x) => x.mandatory)) {
    for (let i = 1; i <= c.n; i++) await who.call('qc.recordResult', { inspectionId: q.id, characteristicId: c.id, sampleNo: i, value: values[c.code](i) });
  }
}

const lotStatus = (lotId: string) => (desk.db.prepare('SELECT status FROM lots WHERE id = ?').get(lotId) as { status: string }).status;
const failures = (username: string) => (desk.db.prepare('SELECT failures, locked_until AS lockedUntil FROM secret_failures WHERE user_id = ?').get(userId(username)) as { failures: number; lockedUntil: string | null } | undefined);
const keep = ['audit', 'audit_objects', 'secret_failures'];

describe('QC decisions with e-signatures', () => {
  it('rejects a lot with the inspector’s signature: printed name, UTC instant, meaning, the hash of the exact results; the lot is rejected in the same transaction', async () => {
    const q = await milkInspection();
    await recordAll(inspector, q, true);
    step();
    const decided = await inspector.call('qc.decide', { inspectionId: q.id, decision: 'rejected', reason: 'underweight pack', secret: 'sign-2222' });
    expect(decided.lotStatus).toBe('rejected');
    expect(lotStatus(q.lotId)).toBe('rejected');
    expect(decided.signature).toMatchObject({ meaning: 'rejected', reason: 'underweight pack', printedName: 'Wang Wei 王伟', signedAt: desk.clock.now().toISOString(), current: true, intact: true });
    const row = desk.db.prepare('SELECT object, object_id, meaning, signer_id, printed_name, signed_at, bound_hash FROM e_signatures WHERE id = ?').get(decided.signature.id) as Record<string, string>;
    expect(row).toMatchObject({ object: 'qc_inspection', object_id: q.id, meaning: 'rejected', signer_id: userId('inspector'), printed_name: 'Wang Wei 王伟' });
    // The hash is SHA-256 over the canonical JSON of what was signed: recomputed here from the rows.
    const inspection = { id: q.id, lotId: q.lotId, planId: q.planId };
    expect(row.bound_hash).toBe(sha256(canonicalJson(signedContent(inspection, 'rejected', 'underweight pack', currentResults(desk.db, q.id)))));
    expect(decided.inspection).toMatchObject({ status: 'decided', decision: 'rejected' });
    const audit = desk.db.prepare("SELECT changes FROM audit WHERE command = 'qc.decide' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(JSON.parse(audit.changes)).toEqual(expect.arrayContaining([
      expect.objectContaining({ object: 'lot', field: 'status', before: 'quarantine', after: 'rejected' }),
      expect.objectContaining({ object: 'qc_inspection', field: 'decision', before: null, after: 'rejected' }),
    ]));
    // A second decision without reopening is refused, writing nothing.
    const before = snapshot(desk.db, keep);
    expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'conditional', deviation: 'accept', secret: 'sign-4444' }))).toMatchObject({ key: 'errors.qc.alreadyDecided' });
    expect(snapshot(desk.db, keep)).toEqual(before);
  });

  it('refuses a release with mandatory results missing, and a plain release the sampling rejects (conditional only, with a deviation note)', async () => {
    const q = await milkInspection();
    let before = snapshot(desk.db, keep);
    expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-4444' }))).toMatchObject({ key: 'errors.qc.mandatoryMissing', params: { codes: 'WEIGHT (3), FAT (3), SEAL (3)' } });
    expect(snapshot(desk.db, keep)).toEqual(before);
    await recordAll(inspector, q, true);
    before = snapshot(desk.db, keep);
    expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-4444' }))).toMatchObject({ key: 'errors.qc.verdictRejects' });
    expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'conditional', secret: 'sign-4444' }))).toMatchObject({ key: 'errors.qc.deviationNote', field: 'deviation' });
    expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'on_hold', secret: 'sign-4444' }))).toMatchObject({ key: 'errors.qc.holdReason', field: 'reason' });
    expect(snapshot(desk.db, keep)).toEqual(before);
    step();
    const decided = await manager.call('qc.decide', { inspectionId: q.id, decision: 'conditional', deviation: 'one pack 10 g light; customer agreed', secret: 'sign-4444' });
    expect(decided).toMatchObject({ lotStatus: 'released', signature: { meaning: 'conditional', reason: 'one pack 10 g light; customer agreed', printedName: 'Chen Jing 陈静' } });
  });

  it('counts a wrong password toward the lock like a PIN, writes nothing else, and locks after the fifth', async () => {
    const q = await milkInspection();
    await recordAll(inspector, q);
    const before = snapshot(desk.db, keep);
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'wrong-pass' }))).toMatchObject({ key: 'errors.esign.wrongPassword', field: 'secret' });
      expect(failures('manager')?.failures).toBe(i);
    }
    // The PIN is not a signing password.
    expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: '4444' }))).toMatchObject({ code: 'locked', key: 'errors.auth.locked' });
    expect(failures('manager')?.lockedUntil).not.toBeNull();
    // Locked: even the right password is refused now, and sign-in with the PIN too.
    expect(await errorOf(manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-4444' }))).toMatchObject({ code: 'locked' });
    expect(await errorOf(desk.client().call('session.signIn', { username: 'manager', secret: '4444' }))).toMatchObject({ code: 'locked' });
    expect(snapshot(desk.db, keep)).toEqual(before);
    const refused = desk.db.prepare("SELECT result FROM audit WHERE command = 'qc.decide' AND result <> 'ok' ORDER BY seq").all() as { result: string }[];
    expect(refused.map((r) => r.result)).toEqual(['denied', 'denied', 'denied', 'denied', 'lockout', 'locked']);
    await admin.call('secrets.unlock', { userId: userId('manager') });
    step();
    expect((await manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-4444' })).lotStatus).toBe('released');
  });

  it('refuses a PIN user without a signing password', async () => {
    await manager.call('users.create', { username: 'inspector2', displayName: 'Zhao Min 赵敏', role: 'inspector', secretKind: 'pin', secret: '5555' });
    const other = await desk.signedIn('inspector2', '5555');
    const q = await milkInspection();
    await recordAll(inspector, q);
    expect(await errorOf(other.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: '5555' }))).toMatchObject({ key: 'errors.esign.noSigningPassword' });
    expect(failures('inspector2')).toBeUndefined();
  });

  it('keeps whoever recorded the results from signing the release while separation of duties is on (the default); a manager turns it off', async () => {
    expect(await inspector.call('qc.settings')).toEqual({ separateDuties: true });
    const q = await milkInspection();
    await recordAll(inspector, q);
    const before = snapshot(desk.db, keep);
    expect(await errorOf(inspector.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-2222' }))).toMatchObject({ key: 'errors.qc.sameRecorder' });
    expect(snapshot(desk.db, keep)).toEqual(before);
    // Rejecting or holding is not a release: the recorder may sign those.
    expect(await errorOf(inspector.call('qc.setSeparateDuties', { on: false }))).toMatchObject({ code: 'forbidden' });
    await manager.call('qc.setSeparateDuties', { on: false });
    step();
    expect((await inspector.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-2222' })).lotStatus).toBe('released');
    await manager.call('qc.setSeparateDuties', { on: true });
    const audit = desk.db.prepare("SELECT changes FROM audit WHERE command = 'qc.setSeparateDuties' ORDER BY seq").all() as { changes: string }[];
    expect(audit.map((a) => JSON.parse(a.changes)[0])).toEqual([expect.objectContaining({ before: true, after: false }), expect.objectContaining({ before: false, after: true })]);
  });

  it('reopens a decision only with a reason and a signature; the history keeps both signatures; a new decision follows', async () => {
    const q = await milkInspection();
    await recordAll(inspector, q);
    step();
    await manager.call('qc.decide', { inspectionId: q.id, decision: 'on_hold', reason: 'supplier CoA missing', secret: 'sign-4444' });
    expect(lotStatus(q.lotId)).toBe('on_hold');
    expect(await errorOf(manager.call('qc.reopen', { inspectionId: q.id, reason: 'x', secret: 'sign-4444' }))).toMatchObject({ key: 'errors.qc.reopenReason' });
    expect(await errorOf(manager.call('qc.reopen', { inspectionId: q.id, reason: 'CoA arrived', secret: 'nope-nope' }))).toMatchObject({ key: 'errors.esign.wrongPassword' });
    step();
    await manager.call('qc.reopen', { inspectionId: q.id, reason: 'CoA arrived', secret: 'sign-4444' });
    expect(lotStatus(q.lotId)).toBe('quarantine');
    step();
    await inspector.call('qc.recordResult', { inspectionId: q.id, characteristicId: q.characteristics.find((c) => c.code === 'FAT')!.id, sampleNo: 1, value: '3.6', correctionReason: 'lab re-measured' });
    step();
    await manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-4444' });
    const opened = await inspector.call('qc.open', { lotId: q.lotId });
    expect(opened.inspection!.signatures.map((s) => [s.meaning, s.reason, s.current, s.intact])).toEqual([
      ['on_hold', 'supplier CoA missing', false, true],
      ['reopened', 'CoA arrived', false, true],
      ['released', null, true, true],
    ]);
    expect(opened.history[0].signatures).toHaveLength(3);
    expect(await errorOf(manager.call('qc.reopen', { inspectionId: (await milkInspection()).id, reason: 'not decided', secret: 'sign-4444' }))).toMatchObject({ key: 'errors.qc.notDecided' });
  });

  it('shows the signature as BROKEN when a result is changed behind the application’s back', async () => {
    const q = await milkInspection();
    await recordAll(inspector, q);
    step();
    await manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-4444' });
    expect((await inspector.call('qc.signatureCheck', { inspectionId: q.id })).map((s) => s.intact)).toEqual([true]);
    desk.db.prepare("UPDATE qc_results SET value_num = 1099 WHERE inspection_id = ? AND sample_no = 1 AND value_num = 1031.5").run(q.id);
    expect((await inspector.call('qc.signatureCheck', { inspectionId: q.id })).map((s) => s.intact)).toEqual([false]);
    const opened = await inspector.call('qc.open', { lotId: q.lotId });
    expect(opened.inspection!.signatures[0]).toMatchObject({ meaning: 'released', intact: false });
    expect(opened.history[0].signatures[0].intact).toBe(false);
    // A row deleted behind its back breaks it too.
    desk.db.prepare('UPDATE qc_results SET value_num = 1031.5 WHERE inspection_id = ? AND value_num = 1099').run(q.id);
    expect((await inspector.call('qc.signatureCheck', { inspectionId: q.id }))[0].intact).toBe(true);
    desk.db.prepare('DELETE FROM qc_results WHERE inspection_id = ? AND sample_no = 3').run(q.id);
    expect((await inspector.call('qc.signatureCheck', { inspectionId: q.id }))[0].intact).toBe(false);
  });
});
