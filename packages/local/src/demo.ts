import { setTimeout as sleep } from 'node:timers/promises';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  ChallengeNameType,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  cognitoPoolAdmin,
  createTenant,
  createTenantStore,
  findPoolUser,
  type OperationContext,
  type OperationDependencies,
  removeMember,
  resumeTenant,
  setMemberRole,
  suspendTenant,
  type TenantMembership,
  TenantRole,
} from '@cognito-triggers/tenancy';
import { type Claims, type ClaimsRow, claimsTable, decodeJwtPayload } from './claims-table.js';
import { LocalStackError, LocalStackErrorCode } from './errors.js';
import { type DeliveredMessage, firstLine, latestMessage } from './messages.js';
import { LOCAL_CREDENTIALS, type LocalStack, startStack } from './stack.js';

export interface DemoOptions {
  /** The repository root (default: the one holding this package). */
  readonly root?: string;
  /** The environment whose policy the stack runs (default `dev`). */
  readonly env?: string;
  /** Where the walk-through is printed, line by line. */
  readonly out: (line: string) => void;
  /** Also print every line the functions log. */
  readonly verbose?: boolean;
}

export interface DemoResult {
  /** How many steps ran (all of them passed, or `runDemo` would have thrown). */
  readonly steps: number;
  readonly durationMs: number;
}

const PASSWORD = 'Correct-Horse-42';
const NEW_PASSWORD = 'Battery-Staple-43';

/**
 * The tenant cache of the two functions that run at every sign-in (pre authentication, pre token
 * generation), in seconds, for the demo: a suspension and its end show after this long, where a
 * deployment takes up to the environment's `token_cache_ttl_seconds` (dev: 60).
 */
const DEMO_TOKEN_CACHE_TTL_SECONDS = 1;

/**
 * Starts a fresh stack (random free ports, a temporary folder), walks a tenant's life through
 * the real Cognito API with assertions at every step, prints what happened, and stops the
 * stack: a refused sign-up, two colleagues and a user of another domain signing up and
 * confirming, an invitation and its first sign-in, sign-ins, a refresh, a password reset; then
 * the tenant lifecycle through the operations of `@cognito-triggers/tenancy` (a new tenant whose
 * invited admin comes from another company's domain, a role change, a removal, a suspension and
 * its end); the messages of each, and the token claims as a table. The sign-in functions run
 * with a 1 s tenant cache, so that the steps the cache delays wait 1 s.
 *
 * @throws {LocalStackError} `LOCAL_DEMO_STEP_FAILED` naming the step and what was seen, or any
 *   error of {@link startStack}. The stack is stopped either way.
 * @example
 * await runDemo({ out: console.log });
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { out } = options;
  const startedAt = Date.now();
  out(`Starting a fresh local stack (env ${options.env ?? 'dev'}, random ports, temporary data)`);
  const cache = { environment: { TOKEN_CACHE_TTL_SECONDS: String(DEMO_TOKEN_CACHE_TTL_SECONDS) } };
  const stack = await startStack({
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.env === undefined ? {} : { env: options.env }),
    // A suspension shows once the warm functions' cached tenant expires: 1 s here, so that the
    // demo waits 1 s rather than the environment's TTL.
    overrideFunctions: { PreAuthentication: cache, PreTokenGeneration: cache },
    onProgress: (line) => out(`  ✓ ${line}`),
    ...(options.verbose ? { log: (line: string) => out(`      ${line}`) } : {}),
  });
  out(
    `  (PreAuthentication and PreTokenGeneration cache a tenant for ${DEMO_TOKEN_CACHE_TTL_SECONDS} s here, not the environment's ${String(stack.policy.settings.token_cache_ttl_seconds ?? 60)} s: the steps that wait for the cache wait ${DEMO_TOKEN_CACHE_TTL_SECONDS} s, not a minute)`,
  );
  const walk = new Walk(stack, out);
  try {
    await walk.run();
  } finally {
    await walk.close();
    await stack.stop();
    out('Local stack stopped; its ports are free again.');
  }
  const durationMs = Date.now() - startedAt;
  out(`\nAll ${walk.steps} steps behaved as expected (${(durationMs / 1000).toFixed(1)} s).`);
  return { steps: walk.steps, durationMs };
}

interface DemoUser {
  readonly email: string;
  sub: string;
  password: string;
}

/** The walk-through: one method per step, each printing and asserting. */
class Walk {
  public steps = 0;
  private readonly cognito: CognitoIdentityProviderClient;
  private readonly dynamodb: DynamoDBClient;
  private readonly store;
  private readonly rows: ClaimsRow[] = [];
  private readonly appName: string | undefined;
  private readonly claimNames: {
    readonly tenantId: string;
    readonly role: string;
    readonly status: string;
  };
  /** What the operators' operations of `@cognito-triggers/tenancy` act on, and as whom. */
  private readonly operations: OperationDependencies;
  private readonly operator: OperationContext;

  public constructor(
    private readonly stack: LocalStack,
    private readonly out: (line: string) => void,
  ) {
    const client = { region: stack.region, credentials: LOCAL_CREDENTIALS };
    this.cognito = new CognitoIdentityProviderClient({
      ...client,
      endpoint: stack.cognitoEndpoint,
    });
    this.dynamodb = new DynamoDBClient({ ...client, endpoint: stack.dynamodbEndpoint });
    this.store = createTenantStore({ client: this.dynamodb, tableName: stack.tenantTable });
    const environment = (name: string) =>
      stack.functions.find((fn) => fn.name === name)?.environment ?? {};
    this.appName = environment('CustomMessage').APP_NAME;
    const token = environment('PreTokenGeneration');
    this.claimNames = {
      tenantId: token.CLAIM_TENANT_ID ?? 'tenant_id',
      role: token.CLAIM_TENANT_ROLE ?? 'tenant_role',
      status: token.CLAIM_TENANT_STATUS ?? 'tenant_status',
    };
    this.operations = { store: this.store, pool: cognitoPoolAdmin(this.cognito) };
    this.operator = {
      userPoolId: stack.userPoolId,
      adminGroup: token.TENANT_ADMIN_GROUP ?? 'tenant-admin',
      memberGroup: token.TENANT_MEMBER_GROUP ?? 'tenant-member',
      actor: 'demo operator',
    };
  }

  public async run(): Promise<void> {
    const domains = demoDomains(this.stack.policy.settings);
    const ana: DemoUser = { email: `ana@${domains.company}`, sub: '', password: PASSWORD };
    const ben: DemoUser = { email: `ben@${domains.company}`, sub: '', password: PASSWORD };
    const dan: DemoUser = { email: `dan@${domains.company}`, sub: '', password: '' };
    const fay: DemoUser = { email: `fay@${domains.company}`, sub: '', password: PASSWORD };
    const gil: DemoUser = { email: `gil@${domains.company}`, sub: '', password: '' };
    const carla =
      domains.other === undefined
        ? undefined
        : { email: `carla@${domains.other}`, sub: '', password: PASSWORD };

    await this.step(`A sign-up from a domain the policy does not allow is refused`, async () => {
      const email = `eve@${domains.refused}`;
      const error = await this.cognito
        .send(
          new SignUpCommand({ ClientId: this.stack.clientId, Username: email, Password: PASSWORD }),
        )
        .then(
          () => undefined,
          (caught: unknown) => caught as Error,
        );
      this.say(
        `${email} → ${error === undefined ? 'signed up!' : `${error.name}: ${error.message}`}`,
      );
      this.expect(
        error?.name === 'UserLambdaValidationException' &&
          error.message.startsWith('PreSignUp failed with error SIGNUP_DOMAIN_NOT_ALLOWED'),
        'the pre sign-up trigger refuses it with SIGNUP_DOMAIN_NOT_ALLOWED',
      );
    });

    await this.step(`Two colleagues sign up with ${domains.company} addresses`, async () => {
      for (const user of [ana, ben]) await this.signUp(user);
    });

    await this.step(
      'They confirm with the emailed codes: the first becomes the tenant admin',
      async () => {
        for (const user of [ana, ben]) await this.confirm(user);
        const [first, second] = [await this.lookup(ana), await this.lookup(ben)];
        this.sayMembership(ana, first);
        this.sayMembership(ben, second);
        this.expect(
          first?.membership.role === 'admin',
          `${ana.email} is the admin of a new tenant`,
        );
        this.expect(
          second?.membership.role === 'member' && second.tenant.id === first?.tenant.id,
          `${ben.email} is a member of the same tenant`,
        );
      },
    );

    if (carla !== undefined) {
      await this.step(
        `A user of another allowed domain (${domains.other}) gets a tenant of their own`,
        async () => {
          await this.signUp(carla);
          await this.confirm(carla);
          const [theirs, colleagues] = [await this.lookup(carla), await this.lookup(ana)];
          this.sayMembership(carla, theirs);
          this.expect(
            theirs?.membership.role === 'admin' && theirs.tenant.id !== colleagues?.tenant.id,
            `${carla.email} is the admin of a different tenant`,
          );
        },
      );
    }

    await this.step(
      'An administrator invites a colleague: AdminCreateUser, then an invitation record',
      async () => {
        const { User } = await this.cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: this.stack.userPoolId,
            Username: dan.email,
            // The address is not marked verified: the invitation record is the proof.
            UserAttributes: [{ Name: 'email', Value: dan.email }],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        dan.sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value ?? '';
        const company = await this.lookup(ana);
        const invitation = await this.store.createInvitation({
          sub: dan.sub,
          tenantId: company?.tenant.id ?? '',
          role: 'member',
          email: dan.email,
          invitedBy: 'demo operator',
          expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
        });
        this.say(
          `invitation: ${dan.email} → tenant ${invitation.tenantId}, role ${invitation.role}, until ${invitation.expiresAt.slice(0, 10)}  [store]`,
        );
        const message = this.message(dan.email, 'AdminCreateUser');
        dan.password = message.code;
        this.expect(
          (await this.lookup(dan)) === undefined,
          'no tenant yet: post confirmation never fires for an invited user',
        );
      },
    );

    await this.step(
      'The invited colleague signs in for the first time and sets a password',
      async () => {
        const claims = await this.firstSignIn(dan);
        const found = await this.lookup(dan);
        this.sayMembership(dan, found);
        this.expect(
          found?.membership.role === 'member' &&
            found.tenant.id === (await this.lookup(ana))?.tenant.id,
          'the token trigger honoured the invitation: a member of their colleagues’ tenant',
        );
        this.expectClaims(claims, found);
      },
    );

    await this.step(
      'A colleague confirmed without proving the address (AdminConfirmSignUp) signs in',
      async () => {
        await this.signUp(fay);
        await this.cognito.send(
          new AdminConfirmSignUpCommand({ UserPoolId: this.stack.userPoolId, Username: fay.email }),
        );
        const { AuthenticationResult } = await this.signIn(fay);
        const claims = this.tokenClaims(fay, 'id (sign-in)', AuthenticationResult?.IdToken);
        this.sayMembership(fay, await this.lookup(fay));
        this.expect(
          claims[this.claimNames.tenantId] === undefined &&
            claims[this.claimNames.role] === undefined,
          'a token, but no tenant claims: an unverified email proves nothing (an API refuses it)',
        );
        this.expect(
          (await this.lookup(fay)) === undefined,
          'and nothing in the store: the email was never verified',
        );
      },
    );

    let refreshToken: string | undefined;
    await this.step(
      'Everyone signs in (USER_PASSWORD_AUTH): the ID tokens carry tenant and role',
      async () => {
        for (const user of [ana, ben, ...(carla === undefined ? [] : [carla]), dan]) {
          const { AuthenticationResult } = await this.signIn(user);
          if (user === ana) refreshToken = AuthenticationResult?.RefreshToken;
          const claims = this.tokenClaims(user, 'id (sign-in)', AuthenticationResult?.IdToken);
          this.expectClaims(claims, await this.lookup(user));
        }
      },
    );

    await this.step('A refresh (REFRESH_TOKEN_AUTH) recomputes the same claims', async () => {
      const { AuthenticationResult } = await this.cognito.send(
        new InitiateAuthCommand({
          ClientId: this.stack.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken ?? '' },
        }),
      );
      const claims = this.tokenClaims(ana, 'id (refresh)', AuthenticationResult?.IdToken);
      this.expectClaims(claims, await this.lookup(ana));
    });

    await this.step('A forgotten password: reset by emailed code, tenant unchanged', async () => {
      const before = await this.lookup(ben);
      await this.cognito.send(
        new ForgotPasswordCommand({ ClientId: this.stack.clientId, Username: ben.email }),
      );
      const reset = this.message(ben.email, 'ForgotPassword');
      ben.password = NEW_PASSWORD;
      await this.cognito.send(
        new ConfirmForgotPasswordCommand({
          ClientId: this.stack.clientId,
          Username: ben.email,
          ConfirmationCode: reset.code,
          Password: ben.password,
        }),
      );
      const { AuthenticationResult } = await this.signIn(ben);
      this.say(`${ben.email} signs in with the new password`);
      this.expect(AuthenticationResult?.IdToken !== undefined, 'the new password works');
      const after = await this.lookup(ben);
      this.expect(
        after?.membership.role === before?.membership.role &&
          after?.tenant.id === before?.tenant.id,
        'post confirmation (ConfirmForgotPassword) left the membership as it was',
      );
    });

    const globex = 'globex';
    await this.step(
      `An operator creates tenant ${globex} and invites ${gil.email} as its admin (createTenant)`,
      async () => {
        const creation = await createTenant(this.operations, this.operator, {
          tenantId: globex,
          name: 'Globex Corporation',
          adminEmail: gil.email,
        });
        const invitation = creation.admin?.invitation;
        gil.sub = creation.admin?.user.sub ?? '';
        this.say(
          `tenant ${creation.tenant.id} "${creation.tenant.name}", ${creation.tenant.status}, created by ${creation.tenant.createdBy}  [store]`,
        );
        this.say(
          `invitation: ${gil.email} → tenant ${invitation?.tenantId ?? '?'}, role ${invitation?.role ?? '?'} (${creation.admin?.outcome ?? 'no admin'})  [store]`,
        );
        this.expect(
          creation.created &&
            creation.admin?.outcome === 'invited' &&
            invitation?.tenantId === globex &&
            invitation.role === TenantRole.Admin,
          `a new tenant, and an admin invitation for a new user`,
        );
        gil.password = this.message(gil.email, 'AdminCreateUser').code;
        const company = (await this.lookup(ana))?.tenant.id ?? '?';
        this.say(
          `by the email's domain alone, ${gil.email} would join ${company}; the invitation says ${globex}`,
        );
      },
    );

    await this.step(
      `${gil.email} signs in for the first time: the invitation, not the domain, picks the tenant`,
      async () => {
        const claims = await this.firstSignIn(gil);
        const found = await this.lookup(gil);
        this.sayMembership(gil, found);
        this.expect(
          found?.tenant.id === globex && found.membership.role === TenantRole.Admin,
          `${gil.email} is the admin of ${globex}, as invited`,
        );
        this.expectClaims(claims, found);
      },
    );

    await this.step(
      `${ben.email} becomes an admin (setMemberRole): the next sign-in says so`,
      async () => {
        const before = await this.signIn(ben);
        const old = this.tokenClaims(
          ben,
          'id (before set-role)',
          before.AuthenticationResult?.IdToken,
        );
        this.expectClaims(old, await this.lookup(ben));
        const company = (await this.lookup(ben))?.tenant.id ?? '';
        const user = await findPoolUser(this.operations, this.operator, ben.email);
        const change = await setMemberRole(this.operations, this.operator, {
          tenantId: company,
          user,
          role: TenantRole.Admin,
        });
        this.say(
          `${ben.email}: role ${String(old[this.claimNames.role])} → ${change.membership.role} in ${company}${change.signedOut ? ', signed out (AdminUserGlobalSignOut)' : ''}  [store, pool]`,
        );
        this.expect(
          change.changed && change.signedOut,
          'the role changed and the user was signed out',
        );

        const refresh = await this.cognito
          .send(
            new InitiateAuthCommand({
              ClientId: this.stack.clientId,
              AuthFlow: 'REFRESH_TOKEN_AUTH',
              AuthParameters: { REFRESH_TOKEN: before.AuthenticationResult?.RefreshToken ?? '' },
            }),
          )
          .then(
            () => undefined,
            (caught: unknown) => caught as Error,
          );
        this.say(
          `refresh with the token from before → ${refresh === undefined ? 'tokens!' : `${refresh.name}: ${refresh.message}`}`,
        );
        this.expect(
          refresh?.name === 'NotAuthorizedException',
          'the refresh token from before the change is refused',
        );

        const after = await this.signIn(ben);
        const claims = this.tokenClaims(
          ben,
          'id (after set-role)',
          after.AuthenticationResult?.IdToken,
        );
        this.expectClaims(claims, await this.lookup(ben));
        const groups = this.roleGroups(claims);
        this.expect(
          claims[this.claimNames.role] === TenantRole.Admin &&
            groups.length === 1 &&
            groups[0] === this.operator.adminGroup,
          `the next sign-in: ${this.claimNames.role}=admin, one role group (cognito:groups ${groups.join(',') || '-'})`,
        );
      },
    );

    await this.step(
      `${ben.email} leaves the company (removeMember): pre authentication refuses the next sign-in`,
      async () => {
        const company = (await this.lookup(ben))?.tenant.id ?? '';
        const user = await findPoolUser(this.operations, this.operator, ben.email);
        const removal = await removeMember(this.operations, this.operator, {
          tenantId: company,
          user,
        });
        this.say(
          `${ben.email}: membership of ${company} ${removal.membership?.status ?? '?'} (a tombstone), signed out  [store]`,
        );
        this.expect(
          removal.removed && removal.membership?.status === 'removed',
          'the membership is a tombstone',
        );
        const now = await findPoolUser(this.operations, this.operator, ben.email);
        const groups = await this.operations.pool.groupsOf(this.stack.userPoolId, now.username);
        this.say(
          `${ben.email}: custom:tenant_id ${now.tenantId ?? '(none)'}, groups ${groups.join(', ') || '(none)'}  [pool]`,
        );
        this.expect(
          now.tenantId === undefined && groups.length === 0,
          'custom:tenant_id and the role group are gone',
        );
        const error = await this.refusedSignIn(ben);
        this.expect(
          error?.name === 'UserLambdaValidationException' &&
            error.message.startsWith(
              'PreAuthentication failed with error TENANT_MEMBERSHIP_REMOVED',
            ),
          'pre authentication refuses the sign-in (TENANT_MEMBERSHIP_REMOVED): no token at all',
        );
        this.say(
          '(pre authentication reads the store at each sign-in; its cache key holds custom:tenant_id,',
        );
        this.say(' which the removal cleared, so the refusal shows at once)');
      },
    );

    await this.step(
      `An operator suspends ${globex} (suspendTenant): its admin's sign-in is refused`,
      async () => {
        const tenant = await suspendTenant(this.operations, this.operator, globex);
        this.say(`tenant ${tenant.id}: ${tenant.status}  [store]`);
        this.expect(tenant.status === 'suspended', `${globex} is suspended`);
        await this.waitOutTenantCache(
          `a suspension changes nothing in the sign-in events, so warm functions answer from their cache until it expires (in AWS within ${this.deployedTtl()} s)`,
        );
        const error = await this.refusedSignIn(gil);
        this.expect(
          error?.name === 'UserLambdaValidationException' &&
            error.message.startsWith('PreAuthentication failed with error TENANT_SUSPENDED'),
          'pre authentication refuses the sign-in (TENANT_SUSPENDED)',
        );
      },
    );

    await this.step(
      `The operator resumes ${globex} (resumeTenant): the sign-in works again`,
      async () => {
        const tenant = await resumeTenant(this.operations, this.operator, globex);
        this.say(`tenant ${tenant.id}: ${tenant.status}  [store]`);
        this.expect(tenant.status === 'active', `${globex} is active again`);
        await this.waitOutTenantCache(
          `the refusal was cached too (in AWS the end of a suspension shows within ${this.deployedTtl()} s)`,
        );
        const { AuthenticationResult } = await this.signIn(gil);
        const claims = this.tokenClaims(gil, 'id (after resume)', AuthenticationResult?.IdToken);
        this.expectClaims(claims, await this.lookup(gil));
      },
    );

    await this.step('The token claims, decoded', async () => {
      const columns = [
        this.claimNames.tenantId,
        this.claimNames.role,
        this.claimNames.status,
        'cognito:groups',
      ];
      for (const line of claimsTable(this.rows, columns).split('\n')) this.say(line);
      this.say(
        '(cognito:groups of a first sign-in is empty in cognito-local: it lists the groups before the',
      );
      this.say(
        ' trigger runs and ignores groupOverrideDetails; the group is there from the next sign-in)',
      );
      const sources = [...new Set(this.stack.messages().map((message) => message.source))];
      this.say('');
      this.say(
        `Messages delivered: ${this.stack.messages().length}, sources ${sources.join(', ')}`,
      );
      for (const source of ['SignUp', 'AdminCreateUser', 'ForgotPassword']) {
        this.expect(sources.includes(source), `${source}: a message was delivered`);
      }
      const roleGroup = { admin: this.operator.adminGroup, member: this.operator.memberGroup };
      this.expect(
        this.rows.every(({ claims }) => {
          const groups = this.roleGroups(claims);
          const role = claims[this.claimNames.role];
          return (
            groups.length === 0 ||
            (groups.length === 1 && groups[0] === roleGroup[role as keyof typeof roleGroup])
          );
        }),
        `no token carries two role groups, or one that is not its ${this.claimNames.role}'s`,
      );
      this.expect(
        this.rows.every(
          ({ claims }) =>
            (claims[this.claimNames.tenantId] === undefined) !==
            (claims[this.claimNames.status] === undefined),
        ),
        `every token has either ${this.claimNames.tenantId} or ${this.claimNames.status} (why it has no tenant)`,
      );
    });
  }

  public async close(): Promise<void> {
    this.cognito.destroy();
    this.dynamodb.destroy();
  }

  private async step(title: string, body: () => Promise<void>): Promise<void> {
    this.steps += 1;
    this.out(`\n${this.steps}. ${title}`);
    await body();
  }

  private say(line: string): void {
    this.out(line === '' ? '' : `   ${line}`);
  }

  private expect(condition: boolean, what: string): void {
    if (!condition) {
      this.out(`   ✗ ${what}: NOT SO`);
      throw new LocalStackError(
        LocalStackErrorCode.DemoStepFailed,
        `step ${this.steps} failed: expected ${what}`,
      );
    }
    this.out(`   ✓ ${what}`);
  }

  private async signUp(user: DemoUser): Promise<void> {
    const { UserSub } = await this.cognito.send(
      new SignUpCommand({
        ClientId: this.stack.clientId,
        Username: user.email,
        Password: user.password,
      }),
    );
    user.sub = UserSub ?? '';
    this.message(user.email, 'SignUp');
  }

  private async confirm(user: DemoUser): Promise<void> {
    const code = latestMessage(this.stack.messages(), user.email, 'SignUp')?.code ?? '';
    await this.cognito.send(
      new ConfirmSignUpCommand({
        ClientId: this.stack.clientId,
        Username: user.email,
        ConfirmationCode: code,
      }),
    );
    this.say(`${user.email} confirmed with code ${code}`);
  }

  /**
   * An invitee's first sign-in: the temporary password leads to `NEW_PASSWORD_REQUIRED`, the
   * new password gets the tokens; the ID token's claims.
   */
  private async firstSignIn(user: DemoUser): Promise<Claims> {
    const challenge = await this.cognito.send(
      new InitiateAuthCommand({
        ClientId: this.stack.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
      }),
    );
    this.say(`${user.email} → challenge ${challenge.ChallengeName ?? '(none)'}`);
    this.expect(
      challenge.ChallengeName === ChallengeNameType.NEW_PASSWORD_REQUIRED,
      'the temporary password leads to NEW_PASSWORD_REQUIRED',
    );
    user.password = NEW_PASSWORD;
    const answer = await this.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: this.stack.clientId,
        ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: user.email, NEW_PASSWORD: user.password },
      }),
    );
    return this.tokenClaims(user, 'id (first sign-in)', answer.AuthenticationResult?.IdToken);
  }

  /** A password sign-in that is expected to fail: the error, printed. */
  private async refusedSignIn(user: DemoUser): Promise<Error | undefined> {
    const error = await this.signIn(user).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    this.say(
      `${user.email} signs in → ${error === undefined ? 'tokens!' : `${error.name}: ${error.message}`}`,
    );
    return error;
  }

  /** The role groups among a token's `cognito:groups`. */
  private roleGroups(claims: Claims): string[] {
    const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
    return groups
      .map(String)
      .filter((group) => group === this.operator.adminGroup || group === this.operator.memberGroup);
  }

  /**
   * Waits until what the sign-in functions cached before an operator's change has expired (their
   * TTL, plus a margin), saying why the wait is needed.
   */
  private async waitOutTenantCache(why: string): Promise<void> {
    const ttl = Number(
      this.stack.functions.find((fn) => fn.name === 'PreTokenGeneration')?.environment
        .TOKEN_CACHE_TTL_SECONDS ?? DEMO_TOKEN_CACHE_TTL_SECONDS,
    );
    this.say(`waiting ${ttl} s, the functions' TOKEN_CACHE_TTL_SECONDS in this demo: ${why}`);
    await sleep(ttl * 1000 + 100);
  }

  /** The environment's `token_cache_ttl_seconds`: how long a deployment's functions cache a tenant. */
  private deployedTtl(): string {
    return String(this.stack.policy.settings.token_cache_ttl_seconds ?? 60);
  }

  private signIn(user: DemoUser) {
    return this.cognito.send(
      new InitiateAuthCommand({
        ClientId: this.stack.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
      }),
    );
  }

  /**
   * The tenant as the store holds it. Post confirmation's errors never reach the API in
   * cognito-local (it swallows them), so provisioning is judged here, not by the API's answer.
   */
  private lookup(user: DemoUser): Promise<TenantMembership | undefined> {
    return this.store.lookup(user.sub);
  }

  /** The message just delivered to `email` for `source`: printed, and checked for app name and code. */
  private message(email: string, source: string): DeliveredMessage {
    const message = latestMessage(this.stack.messages(), email, source);
    if (message === undefined) {
      this.expect(false, `a ${source} message was delivered to ${email}`);
      throw new Error('unreachable');
    }
    this.say(`${email} ← ${source} message by ${message.medium}`);
    this.say(
      `   subject: ${message.emailSubject ?? '(none: the custom message function did not answer)'}`,
    );
    this.say(`   text:    ${firstLine(message)}`);
    const body = message.emailMessage ?? message.smsMessage ?? '';
    this.expect(body.includes(message.code), `the ${source} message carries the code`);
    if (this.appName !== undefined) {
      this.expect(
        `${message.emailSubject ?? ''}\n${body}`.includes(this.appName),
        `it names the app ("${this.appName}")`,
      );
    }
    return message;
  }

  private tokenClaims(user: DemoUser, token: string, idToken: string | undefined): Claims {
    this.expect(idToken !== undefined, `${user.email} got an ID token`);
    const claims = decodeJwtPayload(idToken ?? '');
    this.rows.push({ user: user.email, token, claims });
    return claims;
  }

  private expectClaims(claims: Claims, found: TenantMembership | undefined): void {
    const { tenantId, role } = this.claimNames;
    this.expect(
      found !== undefined &&
        claims[tenantId] === found.tenant.id &&
        claims[role] === found.membership.role,
      `${String(claims.email)}: ${tenantId}=${String(claims[tenantId])}, ${role}=${String(claims[role])}, as in the store`,
    );
  }

  private sayMembership(user: DemoUser, found: TenantMembership | undefined): void {
    this.say(
      found === undefined
        ? `${user.email}: no tenant in the store`
        : `${user.email}: tenant ${found.tenant.id}${found.tenant.domain === '' ? '' : ` (${found.tenant.domain})`}, role ${found.membership.role}  [store]`,
    );
  }
}

/**
 * The email domains the demo uses, from the environment's policy: the first plain allowed
 * domain for the company, a second plain one (or a subdomain of a `*.` rule) for another
 * tenant, and a reserved `.invalid` domain no allowlist can hold for the refusal.
 */
function demoDomains(settings: Readonly<Record<string, unknown>>): {
  company: string;
  other: string | undefined;
  refused: string;
} {
  const list = (key: string) =>
    Array.isArray(settings[key]) ? (settings[key] as unknown[]).map(String) : [];
  const blocked = new Set(list('blocked_email_domains'));
  const allowed = list('allowed_email_domains');
  const plain = allowed.filter((domain) => !domain.startsWith('*.') && !blocked.has(domain));
  const company = plain[0];
  if (company === undefined) {
    throw new LocalStackError(
      LocalStackErrorCode.DemoStepFailed,
      'the policy allows no plain email domain (allowed_email_domains) to sign up with',
    );
  }
  const wildcard = allowed
    .filter((domain) => domain.startsWith('*.'))
    .map((domain) => `eu.${domain.slice(2)}`)
    .find((domain) => !blocked.has(domain));
  return { company, other: plain[1] ?? wildcard, refused: 'example.invalid' };
}
