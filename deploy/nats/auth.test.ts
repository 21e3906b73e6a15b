import { describe, expect, it } from 'vitest';
import { generatePasswords, NATS_ROLES } from './auth.ts';

describe('generated NATS passwords', () => {
  it('are what nats-server reads as a string from its environment: a letter first, then letters and digits', () => {
    for (let i = 0; i < 200; i++) {
      const passwords = generatePasswords();
      for (const role of NATS_ROLES) expect(passwords[role]).toMatch(/^[a-z][a-z0-9]{40,}$/);
      expect(new Set(Object.values(passwords)).size).toBe(NATS_ROLES.length);
    }
  });
});
