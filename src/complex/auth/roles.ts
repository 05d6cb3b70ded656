// The roles of Zenith, each including those below it, and the scopes an API token may carry. A
// route asks for a role (routeAccess.ts); a token must hold the scope of that role as well as
// belong to a user who has it, so a token never does more than its owner.

export const ROLES = ['viewer', 'operator', 'flight-director', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a route asks for: a role, or nothing at all (`public`). */
export type Access = Role | 'public';

export const SCOPES = ['read', 'command', 'approve', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The scope a token needs for a route that asks for `role`. */
export const SCOPE_OF_ROLE: Readonly<Record<Role, Scope>> = { viewer: 'read', operator: 'command', 'flight-director': 'approve', admin: 'admin' };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** `role` and every role below it, lowest first: what the API shows as a user's `roles`. */
export function rolesIncluded(role: Role): Role[] {
  return ROLES.slice(0, ROLES.indexOf(role) + 1);
}

/** Whether a user with `role` may do what asks for `needed`. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
