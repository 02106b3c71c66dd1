/**
 * Suppliers and customers (issue 15, item 4): a code names one party (over both kinds, any
 * case), a GLN's check digit is right (the schema), contacts are replaced as a list, parties are
 * deactivated, never deleted. The shelf-life rule of a customer stays its own command
 * (customers.setShelfLifeRule). Every change reaches the audit field by field. SQL in src/store/parties.ts.
 */
import { fail } from '../../domain/errors';
import type { PartyFieldsParsed } from '../../contract/master-data-schemas';
import type { PartyDetail } from '../../contract/results';
import type { Db } from '../../store/db';
import {
  insertPartyRecord,
  listPartyRecords,
  partyIdWithCode,
  partyRecordById,
  replaceContacts,
  setPartyActive,
  updatePartyRecord,
  type ContactFields,
  type PartyRecord,
} from '../../store/parties';
import { noteChanges, type AuditFields } from '../kernel/audit-changes';
import { retryAfterDeskWrite } from '../../sync/apply';
import type { CallContext, Handlers } from '../kernel/context';

/** Contacts as one line of the audit: "Name (role) phone email; …". */
export function contactsText(contacts: readonly ContactFields[]): string | null {
  if (contacts.length === 0) return null;
  return contacts.map((c) => [c.name, c.role ? `(${c.role})` : null, c.phone, c.email].filter(Boolean).join(' ')).join('; ');
}

export function partyAuditFields(p: Omit<PartyFieldsParsed, 'kind'> & { kind?: string; active?: boolean }): AuditFields {
  return {
    ...(p.kind ? { kind: p.kind } : {}),
    code: p.code,
    name: p.name,
    nameZh: p.nameZh,
    gln: p.gln,
    address: p.address,
    region: p.region,
    channel: p.channel,
    contacts: contactsText(p.contacts),
    ...(p.active === undefined ? {} : { active: p.active }),
  };
}

/** The first rule a party's fields break, as an AppError naming the field. */
export function checkParty(db: Db, input: Omit<PartyFieldsParsed, 'kind'>, existing: PartyRecord | null): void {
  if (partyIdWithCode(db, input.code, existing?.id)) throw fail.conflict('errors.parties.duplicateCode', { code: input.code }, 'code');
}

const sameContacts = (a: readonly ContactFields[], b: readonly ContactFields[]) =>
  a.length === b.length && a.every((c, i) => c.name === b[i].name && c.phone === b[i].phone && c.email === b[i].email && c.role === b[i].role);

/** Writes one checked party (new, or the edit of `existing`) and notes what changed. */
export function writeParty(ctx: CallContext, input: PartyFieldsParsed, existing: PartyRecord | null): { id: string; changed: boolean } {
  const db = ctx.station.db;
  const { contacts, ...fields } = input;
  if (!existing) {
    const id = insertPartyRecord(db, fields);
    replaceContacts(db, id, contacts);
    noteChanges(ctx, { object: 'party', id, label: input.code }, null, partyAuditFields({ ...input, active: true }));
    retryAfterDeskWrite(db, [id], ctx.now.toISOString(), (ctx.auditChanges ??= []));
    return { id, changed: true };
  }
  const { active: _active, ...rest } = existing;
  const before = partyAuditFields(rest);
  const after = partyAuditFields(input);
  const fieldsChanged = Object.keys(after).some((k) => k !== 'contacts' && (after[k] ?? null) !== (before[k] ?? null));
  const contactsChanged = !sameContacts(existing.contacts, contacts);
  if (fieldsChanged) updatePartyRecord(db, existing.id, fields);
  if (contactsChanged) replaceContacts(db, existing.id, contacts);
  noteChanges(ctx, { object: 'party', id: existing.id, label: input.code }, before, after);
  // A code freed may let a parked central party, and the ERP orders waiting for it, in.
  if (fieldsChanged) retryAfterDeskWrite(db, [existing.id], ctx.now.toISOString(), (ctx.auditChanges ??= []));
  return { id: existing.id, changed: fieldsChanged || contactsChanged };
}

function target(db: Db, id: string): PartyRecord {
  const party = partyRecordById(db, id);
  if (!party) throw fail.notFound('errors.parties.unknown', {}, 'partyId');
  return party;
}

export const toPartyDetail = (p: PartyRecord): PartyDetail => p;

export const partyHandlers = {
  'parties.list': (ctx, input) => listPartyRecords(ctx.station.db, input.kind ?? null, (input.search ?? '').trim(), input.includeInactive ?? false).map(toPartyDetail),
  'parties.create': (ctx, input) => {
    checkParty(ctx.station.db, input, null);
    return { id: writeParty(ctx, input, null).id };
  },
  'parties.update': (ctx, input) => {
    const db = ctx.station.db;
    const existing = target(db, input.partyId);
    const { partyId: _id, ...fields } = input;
    checkParty(db, fields, existing);
    if (!writeParty(ctx, { ...fields, kind: existing.kind }, existing).changed) throw fail.rule('errors.parties.noChange', {}, 'code');
    return { done: true };
  },
  'parties.setActive': (ctx, input) => {
    const db = ctx.station.db;
    const party = target(db, input.partyId);
    if (party.active === input.active) throw fail.conflict(input.active ? 'errors.parties.alreadyActive' : 'errors.parties.alreadyInactive', { code: party.code }, 'partyId');
    setPartyActive(db, party.id, input.active);
    noteChanges(ctx, { object: 'party', id: party.id, label: party.code }, { active: party.active }, { active: input.active });
    return { done: true };
  },
} satisfies Partial<Handlers>;
