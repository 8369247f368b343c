import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AuthenticationResultType,
  ChallengeNameType,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  cognitoPoolAdmin,
  createTenantStore,
  type OperationContext,
  type OperationDependencies,
  type TenantMembership,
  type TenantStore,
} from '@cognito-triggers/tenancy';
import { type Claims, type ClaimsRow, decodeJwtPayload } from '../claims-table.js';
import { type DeliveredMessage, firstLine, latestMessage } from '../messages.js';
import { LOCAL_CREDENTIALS, type LocalStack } from '../stack.js';
import { NEW_PASSWORD, type ScenarioUser } from './people.js';
import type { ScenarioReport } from './report.js';

/** The scope of an access token from a sign-in through the API, before any trigger adds one. */
const SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

/** An access token's scopes, sorted. */
function scopesOf(token: Claims): string[] {
  return typeof token.scope === 'string' ? token.scope.split(' ').sort() : [];
}

/** What a refused call says: the error's name and the code Cognito put after "failed with error". */
export interface Refusal {
  readonly name: string;
  readonly code: string | undefined;
}

/** How Cognito refuses a call when a trigger throws an error with `code`. */
export function triggerRefusal(code: string): Refusal {
  return { name: 'UserLambdaValidationException', code };
}

/** The name and code of a refusal (`undefined` when the call succeeded). */
function refusalOf(error: Error | undefined): Refusal | undefined {
  return error === undefined
    ? undefined
    : { name: error.name, code: /failed with error (\w+)/.exec(error.message)?.[1] };
}

/**
 * The scenario's view of a running stack: the clients a user and an operator would build, the
 * names the environment gives claims and groups, and the moves the steps are made of, each
 * saying what happened and checking what it must.
 */
export class ScenarioWorld {
  public readonly cognito: CognitoIdentityProviderClient;
  public readonly store: TenantStore;
  /** What the operators' operations of `@cognito-triggers/tenancy` act on, and as whom. */
  public readonly operations: OperationDependencies;
  public readonly operator: OperationContext;
  public readonly claimNames: {
    readonly tenantId: string;
    readonly role: string;
    readonly status: string;
    readonly tier: string;
  };
  /** Every ID and access token the scenario got, for the table at the end. */
  public readonly rows: ClaimsRow[] = [];
  private readonly dynamodb: DynamoDBClient;
  private readonly appName: string | undefined;

  public constructor(
    public readonly stack: LocalStack,
    private readonly report: ScenarioReport,
  ) {
    const client = { region: stack.region, credentials: LOCAL_CREDENTIALS };
    this.cognito = new CognitoIdentityProviderClient({
      ...client,
      endpoint: stack.cognitoEndpoint,
    });
    this.dynamodb = new DynamoDBClient({ ...client, endpoint: stack.dynamodbEndpoint });
    this.store = createTenantStore({ client: this.dynamodb, tableName: stack.tenantTable });
    this.appName = this.environment('CustomMessage').APP_NAME;
    const token = this.environment('PreTokenGeneration');
    this.claimNames = {
      tenantId: token.CLAIM_TENANT_ID ?? 'tenant_id',
      role: token.CLAIM_TENANT_ROLE ?? 'tenant_role',
      status: token.CLAIM_TENANT_STATUS ?? 'tenant_status',
      tier: token.CLAIM_TENANT_TIER ?? 'tenant_tier',
    };
    this.operations = { store: this.store, pool: cognitoPoolAdmin(this.cognito) };
    this.operator = {
      userPoolId: stack.userPoolId,
      adminGroup: token.TENANT_ADMIN_GROUP ?? 'tenant-admin',
      memberGroup: token.TENANT_MEMBER_GROUP ?? 'tenant-member',
      actor: 'demo operator',
    };
  }

  public close(): void {
    this.cognito.destroy();
    this.dynamodb.destroy();
  }

  public say(line: string): void {
    this.report.say(line);
  }

  public check(what: string, actual: unknown, expected: unknown): void {
    this.report.check(what, actual, expected);
  }

  /** The environment a function of the stack runs with. */
  public environment(name: string): Readonly<Record<string, string>> {
    return this.stack.functions.find((fn) => fn.name === name)?.environment ?? {};
  }

  /** Signs up through the app client; the sign-up message is checked. */
  public async signUp(user: ScenarioUser): Promise<void> {
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

  /** Confirms with the code of the latest sign-up message. */
  public async confirm(user: ScenarioUser): Promise<void> {
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

  /** USER_PASSWORD_AUTH with the user's password. */
  public signIn(user: ScenarioUser) {
    return this.cognito.send(
      new InitiateAuthCommand({
        ClientId: this.stack.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
      }),
    );
  }

  /**
   * An invitee's first sign-in: the temporary password leads to `NEW_PASSWORD_REQUIRED`, the
   * new password gets the tokens, which already carry the role group the token trigger gave
   * (`cognito:groups` is listed after it ran); the ID token's claims.
   */
  public async firstSignIn(user: ScenarioUser): Promise<Claims> {
    const challenge = await this.signIn(user);
    this.say(`${user.email} → challenge ${challenge.ChallengeName ?? '(none)'}`);
    this.check(
      'the temporary password leads to NEW_PASSWORD_REQUIRED',
      challenge.ChallengeName,
      ChallengeNameType.NEW_PASSWORD_REQUIRED,
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
    const { id, access } = this.tokenPair(user, 'first sign-in', answer.AuthenticationResult);
    const role = (await this.lookup(user))?.membership.role;
    if (role !== undefined) {
      this.check(
        `${user.email}: the first sign-in’s tokens hold the ${role} group already`,
        [this.roleGroups(id), this.roleGroups(access)],
        [[this.groupOf(role)], [this.groupOf(role)]],
      );
    }
    this.checkAccessToken(user, id, access);
    return id;
  }

  /** The error of a call that is expected to fail, printed (`undefined` when it succeeds). */
  public async refusal(label: string, call: Promise<unknown>): Promise<Error | undefined> {
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    this.say(`${label} → ${error === undefined ? 'succeeded' : `${error.name}: ${error.message}`}`);
    return error;
  }

  /** A password sign-in that is expected to fail: its name and code. */
  public async refusedSignIn(user: ScenarioUser): Promise<Refusal | undefined> {
    return refusalOf(await this.refusal(`${user.email} signs in`, this.signIn(user)));
  }

  /**
   * The tenant as the store holds it: provisioning is judged here, where it landed, as well as
   * by the API's answer (post confirmation's errors fail the confirmation, as in Cognito).
   */
  public lookup(user: ScenarioUser): Promise<TenantMembership | undefined> {
    return this.store.lookup(user.sub);
  }

  /**
   * The message just delivered to `email` for `source`: printed, and checked for the code and
   * the app name in its subject and its text.
   */
  public message(email: string, source: string): DeliveredMessage {
    const message = latestMessage(this.stack.messages(), email, source);
    this.check(`a ${source} message was delivered to ${email}`, message !== undefined, true);
    if (message === undefined) throw new Error(`no ${source} message for ${email}`);
    this.say(`${email} ← ${source} message by ${message.medium}`);
    this.say(
      `   subject: ${message.emailSubject ?? '(none: the custom message function did not answer)'}`,
    );
    this.say(`   text:    ${firstLine(message)}`);
    const body = message.emailMessage ?? message.smsMessage ?? '';
    this.check(`the ${source} message carries the code`, body.includes(message.code), true);
    if (this.appName !== undefined) {
      this.check(
        `its subject and its text name the app ("${this.appName}")`,
        [message.emailSubject ?? '', body].map((text) => text.includes(this.appName ?? '')),
        [true, true],
      );
    }
    return message;
  }

  /** The claims of an ID token, kept for the table at the end. */
  public tokenClaims(user: ScenarioUser, token: string, idToken: string | undefined): Claims {
    this.check(`${user.email} got an ID token`, idToken !== undefined, true);
    const claims = decodeJwtPayload(idToken ?? '');
    this.rows.push({ user: user.email, token, claims });
    return claims;
  }

  /** The claims of a sign-in's ID and access tokens, both kept for the table at the end. */
  public tokenPair(
    user: ScenarioUser,
    label: string,
    result: AuthenticationResultType | undefined,
  ): { id: Claims; access: Claims } {
    const id = this.tokenClaims(user, `id (${label})`, result?.IdToken);
    this.check(`${user.email} got an access token`, result?.AccessToken !== undefined, true);
    const access = decodeJwtPayload(result?.AccessToken ?? '');
    this.rows.push({ user: user.email, token: `access (${label})`, claims: access });
    return { id, access };
  }

  /**
   * The access token says what the pool's pre token generation version lets it say: with
   * `V2_0`/`V3_0` the ID token's tenant claims and role group, and the role's scopes
   * (`role_scopes`) next to the sign-in scope; with `V1_0` no tenant claim, no added scope.
   */
  public checkAccessToken(user: ScenarioUser, id: Claims, access: Claims): void {
    const { tenantId, role } = this.claimNames;
    const version = this.stack.policy.preTokenGenerationVersion;
    const v1 = version === 'V1_0';
    const roleScopes = JSON.parse(this.environment('PreTokenGeneration').ROLE_SCOPES ?? '{}') as {
      [role: string]: string[] | undefined;
    };
    const scopes = v1 ? [] : (roleScopes[String(id[role])] ?? []);
    this.check(
      v1
        ? `${user.email}: the access token carries no ${tenantId}, no added scope (${version}: ID token only)`
        : `${user.email}: the access token carries ${tenantId}, ${role}, the role group and the role’s scopes (${version})`,
      {
        [tenantId]: access[tenantId],
        [role]: access[role],
        groups: this.roleGroups(access),
        scope: scopesOf(access),
      },
      {
        [tenantId]: v1 ? undefined : id[tenantId],
        [role]: v1 ? undefined : id[role],
        groups: this.roleGroups(id),
        scope: [SIGN_IN_SCOPE, ...scopes].sort(),
      },
    );
  }

  /** The token's tenant and role claims are the store's. */
  public checkClaims(claims: Claims, found: TenantMembership | undefined): void {
    const { tenantId, role } = this.claimNames;
    this.check(
      `${String(claims.email)}: ${tenantId}=${String(claims[tenantId])}, ${role}=${String(claims[role])}, as in the store`,
      { [tenantId]: claims[tenantId], [role]: claims[role] },
      { [tenantId]: found?.tenant.id, [role]: found?.membership.role },
    );
  }

  /** The role groups among a token's `cognito:groups`. */
  public roleGroups(claims: Claims): string[] {
    const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
    return groups
      .map(String)
      .filter((group) => group === this.operator.adminGroup || group === this.operator.memberGroup);
  }

  /** The role group of a role: `admin` → the admin group. */
  public groupOf(role: unknown): string | undefined {
    if (role === 'admin') return this.operator.adminGroup;
    return role === 'member' ? this.operator.memberGroup : undefined;
  }

  public sayMembership(user: ScenarioUser, found: TenantMembership | undefined): void {
    this.say(
      found === undefined
        ? `${user.email}: no tenant in the store`
        : `${user.email}: tenant ${found.tenant.id}${found.tenant.domain === '' ? '' : ` (${found.tenant.domain})`}, role ${found.membership.role}  [store]`,
    );
  }

  /**
   * Waits until what the sign-in functions cached before an operator's change has expired (their
   * TTL, plus a margin), saying why the wait is needed.
   */
  public async waitOutTenantCache(why: string): Promise<void> {
    const ttl = Number(
      this.environment('PreTokenGeneration').TOKEN_CACHE_TTL_SECONDS ?? this.deployedTtl(),
    );
    this.say(`waiting ${ttl} s, the functions' TOKEN_CACHE_TTL_SECONDS here: ${why}`);
    await sleep(ttl * 1000 + 100);
  }

  /** The environment's `token_cache_ttl_seconds`: how long a deployment's functions cache a tenant. */
  public deployedTtl(): string {
    return String(this.stack.policy.settings.token_cache_ttl_seconds ?? 60);
  }
}
