import { randomUUID } from 'node:crypto';
import type { PoolAdmin, PoolUser } from '../operations/pool.js';

/** A user of the in-memory pool: what {@link PoolAdmin} reads and changes. */
export interface MemoryPoolUser {
  username: string;
  sub: string;
  email: string | undefined;
  emailVerified: boolean;
  status: string;
  tenantId: string | undefined;
  groups: Set<string>;
  /** Refresh tokens still valid: `signOut` empties it. */
  refreshTokens: Set<string>;
  /** Invitation messages sent to the user. */
  invitations: number;
}

/**
 * A user pool in memory behind the {@link PoolAdmin} interface, for tests of the operations'
 * logic without a Cognito API (the CLI's tests run the same operations against cognito-local).
 * `refuse` makes `createInvitedUser` fail as a pre sign-up refusal would.
 *
 * @example
 * const pool = createMemoryPool();
 * pool.addUser({ email: 'ana@acme.example' });
 * await inviteMember({ store, pool }, context, { tenantId: 'acme', email: 'bo@acme.example', role: 'member' });
 */
export function createMemoryPool(options: { readonly refuse?: (email: string) => boolean } = {}) {
  const users: MemoryPoolUser[] = [];
  const view = (user: MemoryPoolUser): PoolUser => ({
    username: user.username,
    sub: user.sub,
    email: user.email,
    emailVerified: user.emailVerified,
    status: user.status,
    tenantId: user.tenantId,
    enabled: true,
  });
  const find = (username: string) => {
    const user = users.find((candidate) => candidate.username === username);
    if (user === undefined) {
      throw Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
    }
    return user;
  };
  // Every call yields once, as a network call would: concurrent operations interleave.
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  const admin: PoolAdmin = {
    async findUsers(_pool, query) {
      await tick();
      return users
        .filter((user) =>
          'email' in query
            ? user.email === query.email.trim().toLowerCase()
            : user.sub === query.sub,
        )
        .map(view);
    },
    async groupsOf(_pool, username) {
      await tick();
      return [...find(username).groups].sort();
    },
    async createInvitedUser(_pool, email) {
      await tick();
      const address = email.trim().toLowerCase();
      if (options.refuse?.(address)) {
        throw Object.assign(new Error('PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED.'), {
          name: 'UserLambdaValidationException',
        });
      }
      if (users.some((user) => user.email === address)) {
        throw Object.assign(new Error('User already exists'), { name: 'UsernameExistsException' });
      }
      const sub = randomUUID();
      const user: MemoryPoolUser = {
        username: sub,
        sub,
        email: address,
        // As `createInvitedUser` does: the invitation goes to the address.
        emailVerified: true,
        status: 'FORCE_CHANGE_PASSWORD',
        tenantId: undefined,
        groups: new Set(),
        refreshTokens: new Set(),
        invitations: 0,
      };
      users.push(user);
      return view(user);
    },
    async sendInvitation(_pool, username) {
      await tick();
      const user = find(username);
      if (user.status !== 'FORCE_CHANGE_PASSWORD') {
        // As Cognito answers AdminCreateUser RESEND for a user who signed in.
        throw Object.assign(new Error(`${user.username} is not in FORCE_CHANGE_PASSWORD`), {
          name: 'UnsupportedUserStateException',
        });
      }
      user.invitations += 1;
    },
    async addToGroup(_pool, username, group) {
      await tick();
      find(username).groups.add(group);
    },
    async removeFromGroup(_pool, username, group) {
      await tick();
      find(username).groups.delete(group);
    },
    async setTenantId(_pool, username, tenantId) {
      await tick();
      find(username).tenantId = tenantId;
    },
    async clearTenantId(_pool, username) {
      await tick();
      find(username).tenantId = undefined;
    },
    async signOut(_pool, username) {
      await tick();
      find(username).refreshTokens.clear();
    },
  };

  return {
    ...admin,
    users,
    /** Adds a confirmed user (a sign-up that went through; its address verified unless said). */
    addUser(input: {
      email: string;
      emailVerified?: boolean;
      tenantId?: string;
      groups?: string[];
    }): MemoryPoolUser {
      const sub = randomUUID();
      const user: MemoryPoolUser = {
        username: sub,
        sub,
        email: input.email.toLowerCase(),
        emailVerified: input.emailVerified ?? true,
        status: 'CONFIRMED',
        tenantId: input.tenantId,
        groups: new Set(input.groups ?? []),
        refreshTokens: new Set([`refresh-${sub}`]),
        invitations: 0,
      };
      users.push(user);
      return user;
    },
    /** The pool user of a sub, as the operations see it. */
    user(sub: string): PoolUser {
      const user = users.find((candidate) => candidate.sub === sub);
      if (user === undefined) throw new Error(`no user ${sub}`);
      return view(user);
    },
  };
}

export type MemoryPool = ReturnType<typeof createMemoryPool>;
