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
import { createTenantStore, type TenantMembership } from '@cognito-triggers/tenancy';
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
 * Starts a fresh stack (random free ports, a temporary folder), walks a tenant's life through
 * the real Cognito API with assertions at every step, prints what happened, and stops the
 * stack: a refused sign-up, two colleagues and a user of another domain signing up and
 * confirming, an invitation and its first sign-in, sign-ins, a refresh, a password reset, the
 * messages of each, and the token claims as a table.
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
  const stack = await startStack({
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.env === undefined ? {} : { env: options.env }),
    onProgress: (line) => out(`  ✓ ${line}`),
    ...(options.verbose ? { log: (line: string) => out(`      ${line}`) } : {}),
  });
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
  private readonly claimNames: { readonly tenantId: string; readonly role: string };

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
    };
  }

  public async run(): Promise<void> {
    const domains = demoDomains(this.stack.policy.values);
    const ana: DemoUser = { email: `ana@${domains.company}`, sub: '', password: PASSWORD };
    const ben: DemoUser = { email: `ben@${domains.company}`, sub: '', password: PASSWORD };
    const dan: DemoUser = { email: `dan@${domains.company}`, sub: '', password: '' };
    const fay: DemoUser = { email: `fay@${domains.company}`, sub: '', password: PASSWORD };
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
        const challenge = await this.cognito.send(
          new InitiateAuthCommand({
            ClientId: this.stack.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: dan.email, PASSWORD: dan.password },
          }),
        );
        this.say(`${dan.email} → challenge ${challenge.ChallengeName ?? '(none)'}`);
        this.expect(
          challenge.ChallengeName === ChallengeNameType.NEW_PASSWORD_REQUIRED,
          'the temporary password leads to NEW_PASSWORD_REQUIRED',
        );
        dan.password = NEW_PASSWORD;
        const answer = await this.cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: this.stack.clientId,
            ChallengeName: ChallengeNameType.NEW_PASSWORD_REQUIRED,
            Session: challenge.Session,
            ChallengeResponses: { USERNAME: dan.email, NEW_PASSWORD: dan.password },
          }),
        );
        const claims = this.tokenClaims(
          dan,
          'id (first sign-in)',
          answer.AuthenticationResult?.IdToken,
        );
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

    await this.step('The token claims, decoded', async () => {
      const columns = [this.claimNames.tenantId, this.claimNames.role, 'cognito:groups'];
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
        : `${user.email}: tenant ${found.tenant.id} (${found.tenant.domain}), role ${found.membership.role}  [store]`,
    );
  }
}

/**
 * The email domains the demo uses, from the environment's policy: the first plain allowed
 * domain for the company, a second plain one (or a subdomain of a `*.` rule) for another
 * tenant, and a reserved `.invalid` domain no allowlist can hold for the refusal.
 */
function demoDomains(values: Readonly<Record<string, unknown>>): {
  company: string;
  other: string | undefined;
  refused: string;
} {
  const list = (key: string) =>
    Array.isArray(values[key]) ? (values[key] as unknown[]).map(String) : [];
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
