import { setTimeout as sleep } from 'node:timers/promises';
import type { PreAuthenticationTriggerEvent } from '@cognito-triggers/events';
import {
  collectGarbage,
  type LoadedHandler,
  lambdaContext,
  loadHandler,
  malformedEvents,
  preAuthenticationEvent,
  SAMPLE,
} from '@cognito-triggers/events/testing';
import { TENANCY_USER_TEXT } from '@cognito-triggers/tenancy';
import type { TenantAnswer } from '@cognito-triggers/tenancy/sign-in';
import { describe, expect, it } from 'vitest';
import type { StorePath } from '../src/access.js';

/** What a fake store path was asked, call by call. */
type Lookup = Parameters<StorePath['lookUpTenant']>[0];

const SUSPENDED =
  "TENANT_SUSPENDED: Your organisation's access is suspended, please contact your administrator";
const UNAVAILABLE =
  'TENANT_UNAVAILABLE: Sign-in is temporarily unavailable, please try again in a moment';

const member = (status: 'active' | 'suspended' = 'active'): TenantAnswer => ({
  tenantId: 'acme',
  role: 'member',
  tier: 'free',
  status,
});

/** A fresh cold start: the handler as it is built (`handler.ts`, with the real store path). */
const load = (env: Record<string, string> = {}) =>
  loadHandler({ module: () => import('../src/handler.js'), env });

/**
 * A fresh cold start whose store path is a fake edge (`StorePath`): the same wrapper, config and
 * decision as the handler, and every lookup recorded.
 */
async function withStore(
  answer: (lookup: Lookup) => Promise<TenantAnswer>,
  env: Record<string, string> = {},
): Promise<LoadedHandler<PreAuthenticationTriggerEvent> & { lookups: Lookup[] }> {
  const lookups: Lookup[] = [];
  const store: StorePath = {
    lookUpTenant: (lookup) => {
      lookups.push(lookup);
      return answer(lookup);
    },
  };
  const loaded = await loadHandler({
    // Imported after the reset, the wrapper too: its `instanceof UserFacingError` must see the
    // class the decision throws.
    module: async () => {
      const { defineTrigger } = await import('@cognito-triggers/events');
      const { checkSignIn } = await import('../src/access.js');
      const { preAuthenticationConfig } = await import('../src/config.js');
      return {
        handler: defineTrigger({
          name: 'PreAuthentication',
          config: preAuthenticationConfig,
          handle: (event: PreAuthenticationTriggerEvent, context, config) =>
            checkSignIn(event, context, config, async () => store),
        }),
      };
    },
    env: { TENANT_TABLE_NAME: 'tenants', ...env },
  });
  return { ...loaded, lookups };
}

const acme = { userAttributes: { 'custom:tenant_id': 'acme' } };

describe('without a tenant store', () => {
  it('lets every sign-in go on, returning the same event unchanged', async () => {
    const { handler, logs } = await load();
    const event = preAuthenticationEvent(acme);
    const before = structuredClone(event);

    const result = await handler(event);

    expect(result).toBe(event);
    expect(result).toEqual(before);
    expect(logs.invocations.at(-1)).toMatchObject({
      trigger: 'PreAuthentication',
      triggerSource: 'PreAuthentication_Authentication',
      sub: SAMPLE.sub,
      outcome: 'ok',
      tenantSource: 'none',
    });
  });
});

describe('with a tenant store', () => {
  it('lets an active member in, and names the tenant in the log line', async () => {
    const { handler, lookups, logs } = await withStore(async () => member());

    await expect(handler(preAuthenticationEvent(acme))).resolves.toMatchObject({ response: {} });

    expect(lookups).toEqual([
      {
        tableName: 'tenants',
        sub: SAMPLE.sub,
        tenantIdHint: 'acme',
        signal: expect.any(AbortSignal),
      },
    ]);
    expect(logs.invocations.at(-1)).toMatchObject({
      outcome: 'ok',
      tenantSource: 'store',
      tenantId: 'acme',
    });
  });

  it('refuses a member of a suspended tenant with the token trigger’s words', async () => {
    const { handler, logs } = await withStore(async () => member('suspended'));

    await expect(handler(preAuthenticationEvent(acme))).rejects.toThrow(
      new RegExp(`^${SUSPENDED}$`),
    );
    expect(logs.invocations.at(-1)).toMatchObject({
      outcome: 'rejected',
      code: 'TENANT_SUSPENDED',
      tenantId: 'acme',
      suspended: true,
    });
  });

  it('refuses a removed member with tenancy’s words', async () => {
    const { handler, logs } = await withStore(async () => ({ noTenant: 'removed' }));

    await expect(handler(preAuthenticationEvent())).rejects.toThrow(
      `TENANT_MEMBERSHIP_REMOVED: ${TENANCY_USER_TEXT.TENANT_MEMBERSHIP_REMOVED}`,
    );
    expect(logs.invocations.at(-1)).toMatchObject({
      outcome: 'rejected',
      code: 'TENANT_MEMBERSHIP_REMOVED',
      removed: true,
    });
  });

  it('lets a user without a membership go on: pre token generation decides their tenant', async () => {
    const { handler, lookups, logs } = await withStore(async () => ({
      noTenant: 'tenant-not-found',
    }));

    await handler(preAuthenticationEvent());

    expect(lookups[0]?.tenantIdHint).toBeUndefined();
    expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', tenant: 'tenant-not-found' });
  });

  it('asks the store nothing for a user who does not exist, or an event without a sub', async () => {
    const { handler, lookups, logs } = await withStore(async () => member('suspended'));

    await handler(preAuthenticationEvent({ userNotFound: true }));
    expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', userNotFound: true });
    const noSub = preAuthenticationEvent();
    delete noSub.request.userAttributes.sub;
    await handler(noSub);
    expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', tenant: 'user-invalid' });

    expect(lookups).toEqual([]);
  });

  describe('the cache', () => {
    it('answers a burst of sign-ins with one store read, suspended or not', async () => {
      const { handler, lookups, logs } = await withStore(async () => member('suspended'));

      for (let attempt = 0; attempt < 5; attempt += 1) {
        await expect(handler(preAuthenticationEvent(acme))).rejects.toThrow(/^TENANT_SUSPENDED/);
      }

      expect(lookups).toHaveLength(1);
      expect(logs.invocations.at(-1)).toMatchObject({ tenantSource: 'cache', suspended: true });
    });

    it('misses when custom:tenant_id changed (a removal clears it), and per user', async () => {
      const { handler, lookups } = await withStore(async () => member());

      await handler(preAuthenticationEvent(acme));
      await handler(preAuthenticationEvent());
      await handler(preAuthenticationEvent({ userAttributes: { sub: 'another-sub' } }));

      expect(lookups.map(({ sub, tenantIdHint }) => [sub, tenantIdHint])).toEqual([
        [SAMPLE.sub, 'acme'],
        [SAMPLE.sub, undefined],
        ['another-sub', undefined],
      ]);
    });

    it('keeps nothing with TOKEN_CACHE_TTL_SECONDS=0, and never a user without a tenant', async () => {
      const { handler, lookups } = await withStore(async () => member(), {
        TOKEN_CACHE_TTL_SECONDS: '0',
      });
      await handler(preAuthenticationEvent(acme));
      await handler(preAuthenticationEvent(acme));
      expect(lookups).toHaveLength(2);

      const none = await withStore(async () => ({ noTenant: 'tenant-not-found' }));
      await none.handler(preAuthenticationEvent());
      await none.handler(preAuthenticationEvent());
      expect(none.lookups).toHaveLength(2);
    });
  });

  describe('when the store fails', () => {
    const failing = async (): Promise<TenantAnswer> => {
      throw new Error('ServiceUnavailable: arn:aws:dynamodb:eu-west-1:123456789012:table/tenants');
    };

    it('fail-closed (the default) refuses with a user-safe message, and logs the cause', async () => {
      const { handler, logs } = await withStore(failing);

      const error = await handler(preAuthenticationEvent(acme)).catch((thrown: Error) => thrown);

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(UNAVAILABLE);
      expect(logs.invocations.at(-1)).toMatchObject({
        outcome: 'rejected',
        code: 'TENANT_UNAVAILABLE',
      });
      expect(logs.text).toContain('ServiceUnavailable');
    });

    it('degrade lets the sign-in go on, and says so in the log line', async () => {
      const { handler, logs } = await withStore(failing, { STORE_FAILURE_POLICY: 'degrade' });

      await expect(handler(preAuthenticationEvent(acme))).resolves.toBeDefined();

      expect(logs.invocations.at(-1)).toMatchObject({ outcome: 'ok', degraded: true });
    });

    it.each([
      ['fail-closed', 'refuses'],
      ['degrade', 'lets it go on'],
    ] as const)(
      '%s: a store that never answers %s before the deadline',
      async (policy, _verdict) => {
        const hanging = ({ signal }: Lookup) =>
          new Promise<TenantAnswer>((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          );
        const { handler, logs } = await withStore(hanging, { STORE_FAILURE_POLICY: policy });
        const started = Date.now();

        const outcome = handler(preAuthenticationEvent(acme), lambdaContext({ timeoutMs: 1_500 }));
        // A collection while the store waits must not lose its time limit (it did, on a loaded
        // CI machine: the answer was the deadline's TRIGGER_TIMEOUT, whatever the policy).
        await sleep(50);
        collectGarbage();

        if (policy === 'degrade') await expect(outcome).resolves.toBeDefined();
        else await expect(outcome).rejects.toThrow(/^TENANT_UNAVAILABLE: /);
        // The function's 1.5 s, less defineTrigger's margin and the store's reserve.
        expect(Date.now() - started).toBeLessThan(1_500);
        // The store's own limit ended the wait, not the invocation's deadline.
        expect(logs.lines.find((line) => line.level !== 'INFO')).toMatchObject({
          message: expect.stringMatching(/^tenant store failed/),
          error: { name: 'TimeoutError' },
        });
      },
      5_000,
    );
  });
});

describe('a trigger source AWS may add later', () => {
  it('is handled like a sign-in, and named in the log line', async () => {
    const { handler, logs } = await load();
    const event = preAuthenticationEvent(acme);
    (event as { triggerSource: string }).triggerSource = 'PreAuthentication_Passkey';

    await expect(handler(event)).resolves.toBe(event);
    expect(logs.invocations.at(-1)).toMatchObject({
      outcome: 'ok',
      unknownSource: true,
      tenantSource: 'none',
    });
  });
});

describe('refusals', () => {
  it('are user-facing errors with stable codes and no trailing period', async () => {
    const { REFUSALS } = await import('../src/access.js');
    const { UserFacingError } = await import('@cognito-triggers/events');
    for (const refusal of Object.values(REFUSALS)) {
      expect(refusal).toBeInstanceOf(UserFacingError);
      expect(refusal.message).toMatch(/^TENANT_[A-Z_]+: [^.]+[^.]$/);
    }
  });

  it('follow the answer: a suspended tenant and a removal refuse, anything else goes on', async () => {
    const { REFUSALS, refusalFor } = await import('../src/access.js');
    expect(refusalFor(member('suspended'))).toBe(REFUSALS.suspended);
    expect(refusalFor({ noTenant: 'removed' })).toBe(REFUSALS.removed);
    expect(refusalFor(member())).toBeUndefined();
    expect(refusalFor({ noTenant: 'tenant-not-found' })).toBeUndefined();
    expect(refusalFor({ noTenant: 'unavailable' })).toBeUndefined();
  });
});

describe('configuration', () => {
  it.each([
    [{ TOKEN_CACHE_TTL_SECONDS: '4000' }, 'TOKEN_CACHE_TTL_SECONDS'],
    [{ STORE_FAILURE_POLICY: 'open' }, 'STORE_FAILURE_POLICY'],
    [{ TENANT_ADMIN_GROUP: 'has spaces' }, 'TENANT_ADMIN_GROUP'],
  ])('refuses %j at cold start, naming the variable', async (environment, variable) => {
    const { handler, logs } = await load({ TENANT_TABLE_NAME: 'tenants', ...environment });

    await expect(handler(preAuthenticationEvent(acme))).rejects.toThrow(
      /^TRIGGER_INTERNAL_ERROR: /,
    );
    expect(logs.text).toContain(`${variable}: `);
  });
});

describe('safety', () => {
  it.each(malformedEvents(preAuthenticationEvent(acme)))(
    'answers an event with $name with a user-safe message or lets it go on, never reading the store',
    async ({ event }) => {
      const { handler, lookups } = await withStore(async () => member('suspended'));

      const outcome = await handler(event as PreAuthenticationTriggerEvent).then(
        () => 'ok',
        (error: Error) => error.message,
      );

      expect(outcome === 'ok' || /^[A-Z_]+: [^\n]+$/.test(outcome)).toBe(true);
      expect(outcome).not.toMatch(/TypeError|Cannot read/);
      // The one user whose sub the event still carries is looked up; a broken event is not.
      for (const lookup of lookups) expect(lookup.sub).toBe(SAMPLE.sub);
    },
  );
});
