/**
 * Suppliers and customers with their contacts (party_contacts, migration 018): every query of
 * them for the Parties screen and the master-data files. Rules live in src/app/master-data/parties.ts.
 */
import type { Db } from './db';
import { newId } from './ids';
import { statement } from './statements';
import { PARTY_FIELD_COLUMNS } from '../domain/master-data-columns';

export type PartyKind = 'supplier' | 'customer';

export interface ContactFields {
  name: string;
  phone: string | null;
  email: string | null;
  role: string | null;
}

export interface PartyFields {
  kind: PartyKind;
  code: string;
  name: string;
  nameZh: string | null;
  gln: string | null;
  address: string | null;
  region: string | null;
  channel: string | null;
}

export interface PartyRecord extends PartyFields {
  id: string;
  active: boolean;
  minShelfLifeDays: number | null;
  minShelfLifePercent: number | null;
  contacts: (ContactFields & { id: string })[];
}

interface Row {
  id: string;
  kind: PartyKind;
  code: string;
  name: string;
  name_zh: string | null;
  gln: string | null;
  address: string | null;
  region: string | null;
  channel: string | null;
  active: number;
  min_shelf_life_days: number | null;
  min_shelf_life_percent: number | null;
}

const SELECT = 'SELECT id, kind, code, name, name_zh, gln, address, region, channel, active, min_shelf_life_days, min_shelf_life_percent FROM parties';

function contactsOf(db: Db, partyIds: string[]): Map<string, PartyRecord['contacts']> {
  const map = new Map<string, PartyRecord['contacts']>();
  if (partyIds.length === 0) return map;
  const rows = statement(db, 'SELECT id, party_id, name, phone, email, role FROM party_contacts WHERE party_id IN (SELECT value FROM json_each(?)) ORDER BY rowid').all(
    JSON.stringify(partyIds),
  ) as (ContactFields & { id: string; party_id: string })[];
  for (const { party_id, ...c } of rows) {
    if (!map.has(party_id)) map.set(party_id, []);
    map.get(party_id)!.push(c);
  }
  return map;
}

function toRecords(db: Db, rows: Row[]): PartyRecord[] {
  const contacts = contactsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    nameZh: r.name_zh,
    gln: r.gln,
    address: r.address,
    region: r.region,
    channel: r.channel,
    active: r.active === 1,
    minShelfLifeDays: r.min_shelf_life_days,
    minShelfLifePercent: r.min_shelf_life_percent,
    contacts: contacts.get(r.id) ?? [],
  }));
}

export function partyRecordById(db: Db, id: string): PartyRecord | null {
  const row = statement(db, `${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  return row ? toRecords(db, [row])[0] : null;
}

/** The party whose code is `code` in any case, other than `exceptId` (codes are unique over suppliers and customers). */
export function partyIdWithCode(db: Db, code: string, exceptId = ''): string | null {
  return (statement(db, 'SELECT id FROM parties WHERE code = ? COLLATE NOCASE AND id <> ? LIMIT 1').pluck().get(code, exceptId) as string | undefined) ?? null;
}

/** Parties of a kind, by code; `search` narrows to a code or name containing it (any case). */
export function listPartyRecords(db: Db, kind: PartyKind | null, search: string, includeInactive: boolean): PartyRecord[] {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = statement(
    db,
    `${SELECT} WHERE (@kind IS NULL OR kind = @kind) AND (@all = 1 OR active = 1)
       AND (@search = '' OR code LIKE @like ESCAPE '\\' OR name LIKE @like ESCAPE '\\' OR name_zh LIKE @like ESCAPE '\\') ORDER BY kind, code`,
  ).all({ kind, all: includeInactive ? 1 : 0, search, like }) as Row[];
  return toRecords(db, rows);
}

const COLUMNS = PARTY_FIELD_COLUMNS satisfies Record<keyof PartyFields, string>;

export function insertPartyRecord(db: Db, f: PartyFields): string {
  const id = newId();
  const cols = Object.values(COLUMNS);
  statement(db, `INSERT INTO parties (id, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`).run(
    id,
    ...(Object.keys(COLUMNS) as (keyof PartyFields)[]).map((k) => f[k]),
  );
  return id;
}

export function updatePartyRecord(db: Db, id: string, f: Omit<PartyFields, 'kind'>): void {
  const keys = (Object.keys(COLUMNS) as (keyof PartyFields)[]).filter((k) => k !== 'kind') as (keyof Omit<PartyFields, 'kind'>)[];
  statement(db, `UPDATE parties SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => f[k]), id);
}

export function setPartyActive(db: Db, id: string, active: boolean): void {
  statement(db, 'UPDATE parties SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}

export function setShelfLifeRule(db: Db, customerId: string, minDays: number | null, minPercent: number | null): boolean {
  return (
    statement(db, "UPDATE parties SET min_shelf_life_days = ?, min_shelf_life_percent = ? WHERE id = ? AND kind = 'customer'").run(minDays, minPercent, customerId)
      .changes === 1
  );
}

/** Replaces a party's contacts by the given list (in that order). */
export function replaceContacts(db: Db, partyId: string, contacts: readonly ContactFields[]): void {
  statement(db, 'DELETE FROM party_contacts WHERE party_id = ?').run(partyId);
  const add = statement(db, 'INSERT INTO party_contacts (id, party_id, name, phone, email, role) VALUES (?, ?, ?, ?, ?, ?)');
  for (const c of contacts) add.run(newId(), partyId, c.name, c.phone, c.email, c.role);
}

/** Party code (lower case) → id, for checking an import file in one read. */
export function partyIdsByCode(db: Db): Map<string, string> {
  return new Map((statement(db, 'SELECT code, id FROM parties').all() as { code: string; id: string }[]).map((r) => [r.code.toLowerCase(), r.id]));
}
