import type { OperationHandler } from '../env.ts';
import { notFound } from '../errors.ts';
import type { UserLookup } from '../services/user-lookup.ts';

/** `GET /v1/users/:userId`: why did (or didn't) this user get the message? */
export function userHandlers(deps: { users: UserLookup }) {
  return {
    getUser: async (c) => {
      // Validated by the route's parameter schema (1–256 characters, no control characters).
      const userId = c.get('params').userId as string;
      const view = await deps.users.get(userId);
      if (!view) throw notFound('user');
      return c.json(view);
    },
  } satisfies Record<string, OperationHandler>;
}
