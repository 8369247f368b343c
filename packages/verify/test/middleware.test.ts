import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TenantRequest, type TenantVerifier, tenantMiddleware } from '../src/index.js';
import { payloadOf, untilExpired, withClaim } from './support/tokens.js';
import { emulatorIdVerifier } from './support/verifiers.js';

const emulator = inject('emulator');

interface Api {
  get(path: string, token?: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A small API on loopback: `/orders` for any tenant user, `/members` for admins, `/reports`
 * for tokens with a scope. Each route answers with what the middleware put on `req.tenant`.
 */
async function serve(verifier: TenantVerifier): Promise<Api> {
  const routes: Record<string, ReturnType<typeof tenantMiddleware>> = {
    '/orders': tenantMiddleware(verifier),
    '/members': tenantMiddleware(verifier, { roles: ['admin'] }),
    '/reports': tenantMiddleware(verifier, { scope: 'tenant/read', realm: 'reports' }),
  };
  const server = createServer((req: TenantRequest, res) => {
    const middleware = routes[req.url ?? ''] ?? tenantMiddleware(verifier);
    void middleware(req, res, (error) => {
      if (error !== undefined) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tenantId: req.tenant?.tenantId, role: req.tenant?.tenantRole }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: (path, token) =>
      fetch(
        `${base}${path}`,
        token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let api: Api;

beforeAll(async () => {
  const verifier = emulatorIdVerifier();
  await verifier.hydrate();
  api = await serve(verifier);
});

afterAll(() => api?.close());

describe('the http / Express middleware', () => {
  it('lets a valid token through, with the tenant on req.tenant', async () => {
    const response = await api.get('/orders', emulator.idToken);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tenantId: 'acme', role: 'member' });
  });

  it('answers 401 with a bare Bearer challenge when there is no token', async () => {
    const response = await api.get('/orders');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await response.json()).toEqual({
      error: 'TOKEN_MISSING',
      message: 'TOKEN_MISSING: An Authorization: Bearer token is required',
    });
  });

  it('answers 401 invalid_token for an expired token, so that the client refreshes', async () => {
    await untilExpired(emulator.shortLivedIdToken);
    // The short-lived tokens come from their own app client: accept it, to reach the expiry.
    const shortLivedClient = payloadOf(emulator.shortLivedIdToken).aud as string;
    const lenient = await serve(emulatorIdVerifier({ clientId: shortLivedClient }));
    try {
      const response = await lenient.get('/orders', emulator.shortLivedIdToken);

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="api", error="invalid_token", error_description="TOKEN_EXPIRED: The token has expired"',
      );
    } finally {
      await lenient.close();
    }
  });

  it('answers 401 invalid_token for a forged tenant', async () => {
    const response = await api.get('/orders', withClaim(emulator.idToken, 'tenant_id', 'globex'));

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await response.json()).toMatchObject({ error: 'TOKEN_SIGNATURE_INVALID' });
  });

  it('answers 403 to a member on an admin route', async () => {
    const response = await api.get('/members', emulator.idToken);

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'TENANT_ROLE_REQUIRED',
      message: 'TENANT_ROLE_REQUIRED: This needs the role admin',
    });
  });

  it('answers 403 insufficient_scope, naming the scope, to a token without it', async () => {
    const response = await api.get('/reports', emulator.idToken);

    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="reports", error="insufficient_scope", scope="tenant/read"',
    );
  });

  it('hands an unreachable JWKS to the error handler instead of blaming the token', async () => {
    const broken = await serve(
      emulatorIdVerifier({
        emulator: {
          endpoint: emulator.endpoint,
          jwksUri: 'http://127.0.0.1:9/local_nothing/.well-known/jwks.json',
        },
      }),
    );
    try {
      const response = await broken.get('/orders', emulator.idToken);

      expect(response.status).toBe(500);
    } finally {
      await broken.close();
    }
  });
});
