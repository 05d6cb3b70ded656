import { describe, expect, it } from 'vitest';
import { readCookie } from './cookies.ts';
import { roleAtLeast, rolesIncluded } from './roles.ts';
import { accessFor } from './routeAccess.ts';

describe('route access', () => {
  it('reads HEAD as GET, leaves paths outside /api public, and closes what the table lacks', () => {
    expect(accessFor('HEAD', '/api/alarms', '/api/alarms')).toBe('viewer');
    expect(accessFor('POST', '/api/commands/x/approve', '/api/commands/:id/approve')).toBe('flight-director');
    expect(accessFor('GET', '/index.html', '/*')).toBe('public');
    expect(accessFor('GET', '/apiary', undefined)).toBe('public');
    expect(accessFor('GET', '/api/nothing', undefined)).toBe('viewer');
    expect(accessFor('PUT', '/api/alarms', '/api/alarms')).toBe('admin');
  });

  it('orders the roles, each including the lower', () => {
    expect(rolesIncluded('flight-director')).toEqual(['viewer', 'operator', 'flight-director']);
    expect(roleAtLeast('admin', 'flight-director')).toBe(true);
    expect(roleAtLeast('operator', 'flight-director')).toBe(false);
  });

  it('reads the first session cookie of a Cookie header', () => {
    expect(readCookie('a=1; zenith_session=abc; zenith_session=evil', 'zenith_session')).toBe('abc');
    expect(readCookie('zenith_sessionx=1', 'zenith_session')).toBeUndefined();
    expect(readCookie(undefined, 'zenith_session')).toBeUndefined();
  });
});
