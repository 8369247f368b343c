import {
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * The app client's write attributes, as `terraform/modules/user-pool` defaults them: the user's
 * own profile, never `custom:tenant_id` (no user may choose their tenant).
 */
export const CLIENT_WRITE_ATTRIBUTES = [
  'email',
  'name',
  'given_name',
  'family_name',
  'locale',
  'zoneinfo',
  'picture',
] as const;

/** The client may read its profile, whether the email is verified, and the tenant. */
export const CLIENT_READ_ATTRIBUTES = [
  ...CLIENT_WRITE_ATTRIBUTES,
  'email_verified',
  'custom:tenant_id',
] as const;

/**
 * The module's flows are SRP and refresh; cognito-local implements neither SRP nor any check of
 * this list, and a local client signs in with USER_PASSWORD_AUTH, which is added here.
 */
export const LOCAL_EXPLICIT_AUTH_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
] as const;

/**
 * The event versions of pre token generation, as a pool's
 * `LambdaConfig.PreTokenGenerationConfig.LambdaVersion` names them: `V1_0` ID token only,
 * `V2_0` ID and access tokens, `V3_0` also machine-to-machine tokens. The emulator sends the
 * version the pool records (`emulator-hooks/tokens.cjs`).
 */
export const PRE_TOKEN_GENERATION_VERSIONS = ['V1_0', 'V2_0', 'V3_0'] as const;
export type PreTokenGenerationVersion = (typeof PRE_TOKEN_GENERATION_VERSIONS)[number];

export interface LocalPoolOptions {
  /** The pool's name (`<name_prefix>-<env>`). */
  readonly name: string;
  /** The role groups to create. */
  readonly groups: readonly { readonly name: string; readonly description: string }[];
  /**
   * The functions' ARNs, set as the pool's `LambdaConfig`: what fires, and what
   * `DescribeUserPool` shows; a trigger without one is left out, and does not fire.
   */
  readonly triggerArns?: {
    readonly preSignUp?: string | undefined;
    readonly postConfirmation?: string | undefined;
    readonly preAuthentication?: string | undefined;
    readonly preTokenGeneration?: string | undefined;
    readonly customMessage?: string | undefined;
  };
  /**
   * The version recorded with `triggerArns.preTokenGeneration` (default `V2_0`, the Terraform
   * modules' default): the event the pre token generation function gets.
   */
  readonly preTokenGenerationVersion?: PreTokenGenerationVersion | undefined;
}

export interface LocalPool {
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * Creates a user pool, its public app client and the role groups the way
 * `terraform/modules/user-pool` and the cognito-triggers module set them up (with the modules'
 * defaults): email as the username (case-insensitive), email verified automatically, a mutable
 * `custom:tenant_id` that the client may read but not write, token validities in minutes/days.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 * @example
 * const { userPoolId, clientId } = await createLocalPool(cognito, { name: 'cognito-triggers-dev', groups });
 */
export async function createLocalPool(
  client: CognitoIdentityProviderClient,
  options: LocalPoolOptions,
): Promise<LocalPool> {
  const arns = options.triggerArns;
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: options.name,
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      // A changed email applies once its code is entered; until then the verified one stays.
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      DeletionProtection: 'INACTIVE',
      MfaConfiguration: 'OPTIONAL',
      UserPoolTier: 'ESSENTIALS',
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      Schema: [
        {
          Name: 'tenant_id',
          AttributeDataType: 'String',
          Mutable: true,
          Required: false,
          DeveloperOnlyAttribute: false,
          StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
        },
      ],
      // What fires, as in Cognito (the preload reads it: emulator-hooks/lambda-config.cjs);
      // the pre token generation event follows the version recorded (emulator-hooks/tokens.cjs).
      ...(arns === undefined
        ? {}
        : {
            LambdaConfig: {
              ...(arns.preSignUp === undefined ? {} : { PreSignUp: arns.preSignUp }),
              ...(arns.postConfirmation === undefined
                ? {}
                : { PostConfirmation: arns.postConfirmation }),
              ...(arns.preAuthentication === undefined
                ? {}
                : { PreAuthentication: arns.preAuthentication }),
              ...(arns.customMessage === undefined ? {} : { CustomMessage: arns.customMessage }),
              ...(arns.preTokenGeneration === undefined
                ? {}
                : {
                    PreTokenGenerationConfig: {
                      LambdaArn: arns.preTokenGeneration,
                      LambdaVersion: options.preTokenGenerationVersion ?? 'V2_0',
                    },
                  }),
            },
          }),
    }),
  );
  const userPoolId = UserPool?.Id;
  if (userPoolId === undefined) throw new Error('cognito-local created a pool without an id');

  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['http://localhost:3000/callback'],
      LogoutURLs: ['http://localhost:3000/'],
      ExplicitAuthFlows: [...LOCAL_EXPLICIT_AUTH_FLOWS],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      ReadAttributes: [...CLIENT_READ_ATTRIBUTES],
      WriteAttributes: [...CLIENT_WRITE_ATTRIBUTES],
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    }),
  );
  const clientId = UserPoolClient?.ClientId;
  if (clientId === undefined) throw new Error('cognito-local created a client without an id');

  for (const group of options.groups) {
    await client.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: group.name,
        Description: group.description,
      }),
    );
  }
  return { userPoolId, clientId };
}
