/**
 * What an audit record changed, in the reader's words: "Item TEA-250 · near-expiry horizon (days):
 * 60 → 45". Field names, object kinds, settings and the coded values (yes/no, roles, PIN/password,
 * adjustment reasons, lot statuses) are translated; a field or kind without a word yet is shown as its code.
 */
import type { AuditChangeView } from '../../src/contract/results';

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Has = (key: string) => boolean;

export interface ChangeGroup {
  /** "Item TEA-250": the object as a person names it. */
  object: string;
  /** "field: before → after", one per changed field. */
  lines: string[];
}

function word(t: Translate, te: Has, key: string, fallback: string, params?: Record<string, unknown>): string {
  return te(key) ? t(key, params) : fallback;
}

/** The name of a field; `balance@A-01` is the quantity in bin A-01, `line 2` an order's second line. */
function fieldName(t: Translate, te: Has, field: string): string {
  const line = /^line (\d+)$/.exec(field);
  if (line) return word(t, te, 'ui.audit.fields.line', field, { n: line[1] });
  const [name, bin] = field.split('@');
  return word(t, te, `ui.audit.fields.${name}`, field, bin === undefined ? undefined : { bin });
}

/** A value as the reader knows it: booleans, roles, secret kinds and reasons in words; nothing as a dash. */
export function valueText(t: Translate, te: Has, field: string, value: AuditChangeView['before'], object?: string): string {
  if (value === null) return t('ui.audit.none');
  if (typeof value === 'boolean') return t(value ? 'ui.audit.yes' : 'ui.audit.no');
  const s = String(value);
  if (field === 'role') return word(t, te, `ui.role.${s}`, s);
  if (field === 'secretKind') return word(t, te, `ui.users.${s}`, s);
  if (field === 'reason') return word(t, te, `ui.adjust.reasons.${s}`, s);
  if (field === 'status' && object === 'qcPlan') return word(t, te, `ui.qcPlans.status.${s}`, s);
  if (field === 'status' && object === 'purchaseOrder') return word(t, te, `ui.purchaseOrders.status.${s}`, s);
  if (field === 'status') return word(t, te, `ui.status.${s}`, s);
  // How a lot was scanned, and a weight typed rather than weighed (a device id stays as it is).
  if (field === 'scanSource' || (field === 'weightSource' && s === 'typed')) return word(t, te, `ui.audit.scanSources.${s}`, s);
  if (field === 'kind') return word(t, te, `ui.locations.kind.${s}`, word(t, te, `ui.audit.partyKinds.${s}`, s));
  return s;
}

function objectName(t: Translate, te: Has, c: AuditChangeView): string {
  const kind = word(t, te, `ui.audit.objects.${c.object}`, c.object);
  const label = c.object === 'setting' ? word(t, te, `ui.audit.settings.${c.label}`, c.label) : c.label;
  return `${kind} ${label}`;
}

/** A record's changes grouped by object, in the order they were noted. */
export function changeGroups(t: Translate, te: Has, changes: readonly AuditChangeView[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const c of changes) {
    const key = `${c.object}\u0000${c.objectId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { object: objectName(t, te, c), lines: [] }));
    g.lines.push(`${fieldName(t, te, c.field)}: ${valueText(t, te, c.field, c.before, c.object)} → ${valueText(t, te, c.field, c.after, c.object)}`);
  }
  return [...groups.values()];
}
