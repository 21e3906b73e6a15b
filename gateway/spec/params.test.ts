import { describe, expect, it } from 'vitest';
import { checkParam } from './params.ts';
import { ROUTES } from './routes.ts';

const userIdSchema = () => {
  const route = ROUTES.find((r) => r.path === '/v1/users/:userId');
  const param = route?.params?.find((p) => p.name === 'userId');
  if (!param) throw new Error('no userId parameter');
  return param.schema;
};

describe('path parameters', () => {
  it('accepts any user id a producer may send: emails, spaces, dots, any script, astral characters', () => {
    for (const id of ['u-42', 'a@example.com', 'Jane Doe', 'user.1', 'ユーザー', 'smile 😀']) {
      expect(checkParam(userIdSchema(), id)).toEqual({ value: id });
    }
  });

  it('refuses ids no producer could have stored: control characters, lone surrogates, too long', () => {
    for (const id of ['a\nb', 'a\u0000', 'a\uD800', '\uDC00b', 'x'.repeat(257)]) {
      expect(checkParam(userIdSchema(), id)).toHaveProperty('problem');
    }
  });
});
