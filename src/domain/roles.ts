/** The people at the desks; admin may do everything. */
export const ROLES = ['clerk', 'inspector', 'lead', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may run a command: a list of roles, 'signed-in' for any signed-in user, or 'public'. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export function mayRun(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  if (access === 'signed-in' || role === 'admin') return true;
  return access.includes(role);
}
