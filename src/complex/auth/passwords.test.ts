import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('scrypt passwords', () => {
  it('hashes with a fresh salt each time and its cost stored, and verifies only the same password', async () => {
    const a = await hashPassword('correct horse battery staple', CHEAP);
    const b = await hashPassword('correct horse battery staple', CHEAP);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('says no (never throws) for stored text that is not one of its hashes, or asks for absurd cost', async () => {
    for (const stored of ['', 'plain', 'scrypt$1024$8$1$salt', 'scrypt$x$8$1$c2FsdA$aGFzaA', `scrypt$${2 ** 30}$8$1$c2FsdA$${'A'.repeat(43)}`, 'bcrypt$2b$10$abc']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });

  it('asks for at least 12 characters', () => {
    expect(passwordProblem('short')).toContain('at least 12');
    expect(passwordProblem('twelve chars')).toBeUndefined();
  });
});
