/**
 * How a handler tells the audit what it changed: the object it touched and the record before and
 * after. Only the fields that differ are kept (a create keeps every field it set), so the Audit
 * screen shows "role: clerk → lead" and never a digest. Secrets never reach here: pass records
 * without them.
 */
import type { AuditChange, AuditValue } from './audit-log';
import type { CallContext } from './context';

export interface AuditObjectRef {
  object: string;
  id: string;
  label: string;
}

export type AuditFields = Record<string, AuditValue | undefined>;

function same(a: AuditValue | undefined, b: AuditValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/** The field-by-field difference of two records of one object; `before` null is a create. */
export function diffFields(ref: AuditObjectRef, before: AuditFields | null, after: AuditFields | null): AuditChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const b = before?.[field];
    const a = after?.[field];
    if (same(a, b)) continue;
    changes.push({ object: ref.object, objectId: ref.id, label: ref.label, field, before: b ?? null, after: a ?? null });
  }
  return changes;
}

/** Adds to this call's audit record what changed on one object (nothing when nothing differs). */
export function noteChanges(ctx: CallContext, ref: AuditObjectRef, before: AuditFields | null, after: AuditFields | null): void {
  const changes = diffFields(ref, before, after);
  if (changes.length === 0) return;
  (ctx.auditChanges ??= []).push(...changes);
}
