// The auth room (docs/security.md): users with roles, password logins with sessions, API tokens,
// the API's authentication and per-route authorization, and the hash-chained audit log.
export { ANONYMOUS, CSRF_HEADER, createApiAuth } from './apiAuth.ts';
export type { ApiAuth, ApiAuthOptions } from './apiAuth.ts';
export { GENESIS_HASH, auditBreak, canonicalAudit, sealAudit, verifyAuditChain } from './auditChain.ts';
export type { AuditVerdict } from './auditChain.ts';
export { AuditLog } from './AuditLog.ts';
export type { AuditEvent } from './AuditLog.ts';
export { AuthService, DEFAULT_SESSION_IDLE_MS, DEFAULT_SESSION_MAX_MS, NAME_RE, TOKEN_PREFIX, checkRole, checkScopes, checkUserName } from './AuthService.ts';
export type { AuthServiceOptions, LoginResult, Principal } from './AuthService.ts';
export { SESSION_COOKIE, readCookie } from './cookies.ts';
export { DEFAULT_LOGIN_LIMITS, LoginLimiter } from './LoginLimiter.ts';
export type { LoginLimits } from './LoginLimiter.ts';
export { DEFAULT_COST, MIN_PASSWORD_LENGTH, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
export type { ScryptCost } from './passwords.ts';
export { ROLES, SCOPES, SCOPE_OF_ROLE, isRole, isScope, roleAtLeast, rolesIncluded } from './roles.ts';
export type { Access, Role, Scope } from './roles.ts';
export { ROUTE_ACCESS, accessFor } from './routeAccess.ts';
