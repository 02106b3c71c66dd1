/**
 * The errors of the sync protocol: a code the client acts on, the HTTP status and the i18n key
 * (errors.sync.*, texts in src/i18n/messages/sync.ts) the desk shows. Wire shape:
 * `{ "error": { "code", "key", "params" } }`.
 */
import { z } from 'zod';

export const SYNC_ERRORS = {
  /** Body or an event does not fit the schema (params.seq names the event). */
  malformed: { status: 400, key: 'errors.sync.malformed' },
  /** An event of a schema version this centre does not know (params.schema, params.seq). */
  unknownSchema: { status: 422, key: 'errors.sync.unknownSchema' },
  /** The batch starts after the watermark: resend from params.resendFrom. */
  gap: { status: 409, key: 'errors.sync.gap' },
  /** The request names another centre (another database): the desk must not mix centres. */
  otherCentre: { status: 409, key: 'errors.sync.otherCentre' },
  /** The cursor is of another centre or older than the kept history: read a snapshot. */
  resync: { status: 410, key: 'errors.sync.resync' },
  /** No or a wrong station credential. */
  unauthenticated: { status: 401, key: 'errors.sync.unauthenticated' },
  /** The station was revoked centrally. */
  revoked: { status: 401, key: 'errors.sync.revoked' },
  /** An event written as another station, or data of another site. */
  forbidden: { status: 403, key: 'errors.sync.forbidden' },
  /** Enrolment code unknown or expired. */
  codeInvalid: { status: 401, key: 'errors.sync.codeInvalid' },
  /** Enrolment code already used. */
  codeUsed: { status: 409, key: 'errors.sync.codeUsed' },
  /** The station id is already enrolled (params.stationId): revoke it centrally or use a new id. */
  stationEnrolled: { status: 409, key: 'errors.sync.stationEnrolled' },
  /** More events in one batch than the centre takes (params.max). */
  batchTooLarge: { status: 413, key: 'errors.sync.batchTooLarge' },
  /** Central admin: not signed in, or wrong user name/password. */
  adminUnauthenticated: { status: 401, key: 'errors.sync.adminUnauthenticated' },
  /** Central user: signed in, but the role (params.role) may not do this. */
  roleForbidden: { status: 403, key: 'errors.sync.roleForbidden' },
  /** Central user management: that user name is taken (params.username). */
  userExists: { status: 409, key: 'errors.sync.userExists' },
  /** Central user management: the user name is empty, too long or has other characters than letters, digits, . _ @ -. */
  usernameInvalid: { status: 400, key: 'errors.sync.usernameInvalid' },
  /** Central user management: a password of fewer than 8 (or more than 200) characters. */
  passwordInvalid: { status: 400, key: 'errors.sync.passwordInvalid' },
  /** Central user management: a role other than admin or manager. */
  roleInvalid: { status: 400, key: 'errors.sync.roleInvalid' },
  /** Central user management: a site list naming a site the centre does not have (params.site). */
  sitesInvalid: { status: 400, key: 'errors.sync.sitesInvalid' },
  /** Central user management: the change would leave the centre without an active admin (params.username). */
  lastAdmin: { status: 409, key: 'errors.sync.lastAdmin' },
  /** Central sign-in: the user (right password) is disabled. */
  userDisabled: { status: 403, key: 'errors.sync.userDisabled' },
  /** Central views: a manager limited to some sites asked for another (params.site). */
  siteForbidden: { status: 403, key: 'errors.sync.siteForbidden' },
  /** Central admin: the thing named does not exist (params.what, params.id). */
  notFound: { status: 404, key: 'errors.sync.notFound' },
  /** Central audit: a filter (params.field) is not valid; nothing was read. */
  auditFilterInvalid: { status: 400, key: 'errors.sync.auditFilterInvalid' },
  /** Central QC plans: the plan (params.id) is retired already. */
  qcPlanRetired: { status: 409, key: 'errors.sync.qcPlanRetired' },
  /** Central QC plans: the plan breaks a plan rule; the key is the rule's own (errors.qcPlans.*, params.field names the field). */
  qcPlanInvalid: { status: 400, key: 'errors.sync.qcPlanInvalid' },
  /** Anything else: nothing was written. */
  internal: { status: 500, key: 'errors.sync.internal' },
} as const;

export type SyncErrorCode = keyof typeof SYNC_ERRORS;
export type SyncErrorParams = Record<string, string | number>;

export const SyncErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});
export type SyncErrorBody = z.infer<typeof SyncErrorBodySchema>;

/** A protocol error as thrown on the centre and read back by the desk's client. */
export class SyncError extends Error {
  readonly code: SyncErrorCode;
  readonly params: SyncErrorParams;
  /** A more precise text than the code's own (a QC plan rule's key): the code stays what a client acts on. */
  private readonly textKey: string | undefined;
  constructor(code: SyncErrorCode, params: SyncErrorParams = {}, textKey?: string) {
    super(`${textKey ?? SYNC_ERRORS[code].key} ${JSON.stringify(params)}`);
    this.name = 'SyncError';
    this.code = code;
    this.params = params;
    this.textKey = textKey;
  }
  get status(): number {
    return SYNC_ERRORS[this.code].status;
  }
  get key(): string {
    return this.textKey ?? SYNC_ERRORS[this.code].key;
  }
  toBody(): SyncErrorBody {
    return { error: { code: this.code, key: this.key, params: this.params } };
  }
}

/** The error code of a wire body, if it is one of ours. */
export function syncErrorOf(body: unknown): SyncError | null {
  const parsed = SyncErrorBodySchema.safeParse(body);
  if (!parsed.success || !(parsed.data.error.code in SYNC_ERRORS)) return null;
  return new SyncError(parsed.data.error.code as SyncErrorCode, parsed.data.error.params);
}
