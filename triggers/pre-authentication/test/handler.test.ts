import type { PreAuthenticationTriggerEvent } from '@cognito-triggers/events';
import {
  lambdaContext,
  malformedEvents,
  preAuthenticationEvent,
  SAMPLE,
} from '@cognito-triggers/events/testing';
import { TENANCY_USER_TEXT } from '@cognito-triggers/tenancy';
import type { TenantAnswer } from '@cognito-triggers/tenancy/sign-in';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StorePath } from '../src/access.js';

type Handler = (
  event: PreAuthenticationTriggerEvent,
  timeoutMs?: number,
) => Promise<PreAuthenticationTriggerEvent>;

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
async function loadHandler(environment: Record<string, string> = {}): Promise<Handler> {
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  vi.resetModules();
  const { handler } = await import('../src/handler.js');
  return (event, timeoutMs = 5_000) => handler(event, lambdaContext({ timeoutMs }));
}

/**
 * A fresh cold start whose store path is a fake edge (`StorePath`): the same wrapper, config and
 * decision as the handler, and every lookup recorded.
 */
async function withStore(
  answer: (lookup: Lookup) => Promise<TenantAnswer>,
  environment: Record<string, string> = {},
): Promise<{ handler: Handler; lookups: Lookup[] }> {
  for (const [name, value] of Object.entries({ TENANT_TABLE_NAME: 'tenants', ...environment })) {
    vi.stubEnv(name, value);
  }
  vi.resetModules();
  // After the reset, the wrapper too: its `instanceof UserFacingError` must see the same class.
  const { defineTrigger } = await import('@cognito-triggers/events');
  const { checkSignIn } = await import('../src/access.js');
  const { preAuthenticationConfig } = await import('../src/config.js');
  const lookups: Lookup[] = [];
  const store: StorePath = {
    lookUpTenant: (lookup) => {
      lookups.push(lookup);
      return answer(lookup);
    },
  };
  const handler = defineTrigger({
    name: 'PreAuthentication',
    config: preAuthenticationConfig,
    handle: (event: PreAuthenticationTriggerEvent, context, config) =>
      checkSignIn(event, context, config, async () => store),
  });
  return {
    handler: (event, timeoutMs = 5_000) => handler(event, lambdaContext({ timeoutMs })),
    lookups,
  };
}

/** The one `invocation` line of the last invocation. */
function lastLine(): Record<string, unknown> {
  const lines = vi
    .mocked(process.stdout.write)
    .mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Record<string, unknown>)
    .filter((line) => line.message === 'invocation');
  return lines.at(-1) ?? {};
}

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const acme = { userAttributes: { 'custom:tenant_id': 'acme' } };

describe('without a tenant store', () => {
  it('lets every sign-in go on, returning the same event unchanged', async () => {
    const handler = await loadHandler();
    const event = preAuthenticationEvent(acme);
    const before = structuredClone(event);

    const result = await handler(event);

    expect(result).toBe(event);
    expect(result).toEqual(before);
    expect(lastLine()).toMatchObject({
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
    const { handler, lookups } = await withStore(async () => member());

    await expect(handler(preAuthenticationEvent(acme))).resolves.toMatchObject({ response: {} });

    expect(lookups).toEqual([
      {
        tableName: 'tenants',
        sub: SAMPLE.sub,
        tenantIdHint: 'acme',
        signal: expect.any(AbortSignal),
      },
    ]);
    expect(lastLine()).toMatchObject({ outcome: 'ok', tenantSource: 'store', tenantId: 'acme' });
  });

  it('refuses a member of a suspended tenant with the token trigger’s words', async () => {
    const { handler } = await withStore(async () => member('suspended'));

    await expect(handler(preAuthenticationEvent(acme))).rejects.toThrow(
      new RegExp(`^${SUSPENDED}$`),
    );
    expect(lastLine()).toMatchObject({
      outcome: 'rejected',
      code: 'TENANT_SUSPENDED',
      tenantId: 'acme',
      suspended: true,
    });
  });

  it('refuses a removed member with tenancy’s words', async () => {
    const { handler } = await withStore(async () => ({ noTenant: 'removed' }));

    await expect(handler(preAuthenticationEvent())).rejects.toThrow(
      `TENANT_MEMBERSHIP_REMOVED: ${TENANCY_USER_TEXT.TENANT_MEMBERSHIP_REMOVED}`,
    );
    expect(lastLine()).toMatchObject({
      outcome: 'rejected',
      code: 'TENANT_MEMBERSHIP_REMOVED',
      removed: true,
    });
  });

  it('lets a user without a membership go on: pre token generation decides their tenant', async () => {
    const { handler, lookups } = await withStore(async () => ({ noTenant: 'tenant-not-found' }));

    await handler(preAuthenticationEvent());

    expect(lookups[0]?.tenantIdHint).toBeUndefined();
    expect(lastLine()).toMatchObject({ outcome: 'ok', tenant: 'tenant-not-found' });
  });

  it('asks the store nothing for a user who does not exist, or an event without a sub', async () => {
    const { handler, lookups } = await withStore(async () => member('suspended'));

    await handler(preAuthenticationEvent({ userNotFound: true }));
    expect(lastLine()).toMatchObject({ outcome: 'ok', userNotFound: true });
    const noSub = preAuthenticationEvent();
    delete noSub.request.userAttributes.sub;
    await handler(noSub);
    expect(lastLine()).toMatchObject({ outcome: 'ok', tenant: 'user-invalid' });

    expect(lookups).toEqual([]);
  });

  describe('the cache', () => {
    it('answers a burst of sign-ins with one store read, suspended or not', async () => {
      const { handler, lookups } = await withStore(async () => member('suspended'));

      for (let attempt = 0; attempt < 5; attempt += 1) {
        await expect(handler(preAuthenticationEvent(acme))).rejects.toThrow(/^TENANT_SUSPENDED/);
      }

      expect(lookups).toHaveLength(1);
      expect(lastLine()).toMatchObject({ tenantSource: 'cache', suspended: true });
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
      const { handler } = await withStore(failing);

      const error = await handler(preAuthenticationEvent(acme)).catch((thrown: Error) => thrown);

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(UNAVAILABLE);
      expect(lastLine()).toMatchObject({ outcome: 'rejected', code: 'TENANT_UNAVAILABLE' });
      const logged = vi.mocked(process.stdout.write).mock.calls.map(([chunk]) => String(chunk));
      expect(logged.some((line) => line.includes('ServiceUnavailable'))).toBe(true);
    });

    it('degrade lets the sign-in go on, and says so in the log line', async () => {
      const { handler } = await withStore(failing, { STORE_FAILURE_POLICY: 'degrade' });

      await expect(handler(preAuthenticationEvent(acme))).resolves.toBeDefined();

      expect(lastLine()).toMatchObject({ outcome: 'ok', degraded: true });
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
        const { handler } = await withStore(hanging, { STORE_FAILURE_POLICY: policy });
        const started = Date.now();

        const outcome = handler(preAuthenticationEvent(acme), 1_500);

        if (policy === 'degrade') await expect(outcome).resolves.toBeDefined();
        else await expect(outcome).rejects.toThrow(/^TENANT_UNAVAILABLE: /);
        // The function's 1.5 s, less defineTrigger's margin and the store's reserve.
        expect(Date.now() - started).toBeLessThan(1_500);
      },
      5_000,
    );
  });
});

describe('a trigger source AWS may add later', () => {
  it('is handled like a sign-in, and named in the log line', async () => {
    const handler = await loadHandler();
    const event = preAuthenticationEvent(acme);
    (event as { triggerSource: string }).triggerSource = 'PreAuthentication_Passkey';

    await expect(handler(event)).resolves.toBe(event);
    expect(lastLine()).toMatchObject({ outcome: 'ok', unknownSource: true, tenantSource: 'none' });
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
    const output: string[] = [];
    vi.mocked(process.stdout.write).mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    const handler = await loadHandler({ TENANT_TABLE_NAME: 'tenants', ...environment });

    await expect(handler(preAuthenticationEvent(acme))).rejects.toThrow(
      /^TRIGGER_INTERNAL_ERROR: /,
    );
    expect(output.join('')).toContain(`${variable}: `);
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
