// What fires follows the pool's LambdaConfig. cognito-local invokes, for every pool, the
// functions its global TriggerFunctions config names; Cognito invokes, for each trigger, the
// function the pool's own LambdaConfig names, and none for a slot left empty. So UpdateUserPool
// (what `cognito-triggers attach` and `detach` send) changes what fires, as in AWS.
//
// The emulator's LambdaService answers `enabled(trigger)` without being told the pool: every
// request therefore runs with its pool at hand, in an AsyncLocalStorage entered around every
// target (the pool found from UserPoolId, ClientId or the access token's client, as the
// targets find it) and around token generation (from the app client, for the OAuth2 routes,
// which bypass the targets). A trigger is enabled when the pool's slot holds an ARN
// (pre token generation: PreTokenGenerationConfig.LambdaArn, else the legacy
// PreTokenGeneration), and invokes the function it names
// (arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>] → <name>).
//
// Failures read as Cognito words them: "<Trigger> failed with error <message>." with the
// trigger's name, not the function's; a function Lambda cannot invoke (an ARN naming a function
// the invoke server does not have: ResourceNotFoundException) fails the call with
// UnexpectedLambdaException "<Trigger> invocation failed due to error <Lambda's error code>.".
//
// index.cjs requires this module last: its wrapper must be the outermost one, so that every
// other hook's trigger (pre authentication's) runs inside the pool's context.
'use strict';

const { AsyncLocalStorage } = require('node:async_hooks');
const { CognitoError, UserLambdaValidationError } = require('cognito-local/lib/errors');
const { LambdaService } = require('cognito-local/lib/services/lambda');
const { CognitoServiceFactoryImpl } = require('cognito-local/lib/services/cognitoService');
const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator');
const { Targets } = require('cognito-local/lib/targets/targets');

/** The pool of the request being served (`undefined`: no pool, or one that does not exist). */
const requests = new AsyncLocalStorage();

const FUNCTION_ARN = /^arn:[\w-]+:lambda:[\w-]*:\d*:function:([\w-]+)(?::[\w$-]+)?$/;

/** The function an ARN names; a value that is not an ARN is taken as the name, as Lambda does. */
function functionName(arn) {
  return FUNCTION_ARN.exec(arn)?.[1] ?? arn;
}

/** The ARN in a trigger's slot of a LambdaConfig, by cognito-local's name of the trigger. */
function slotArn(lambdaConfig, trigger) {
  if (lambdaConfig === undefined || lambdaConfig === null) return undefined;
  switch (trigger) {
    case 'PreTokenGeneration':
      return lambdaConfig.PreTokenGenerationConfig?.LambdaArn ?? lambdaConfig.PreTokenGeneration;
    case 'CustomEmailSender':
      return lambdaConfig.CustomEmailSender?.LambdaArn;
    default: {
      const arn = lambdaConfig[trigger];
      return typeof arn === 'string' ? arn : undefined;
    }
  }
}

/** The function the current request's pool runs for a trigger; undefined when none. */
function functionFor(trigger) {
  const request = requests.getStore();
  if (request === undefined) {
    // A hook that checks a trigger outside the wrapper below: a bug of the preload, said loudly
    // rather than a trigger silently skipped.
    throw new Error(
      `emulator-hooks: the ${trigger} trigger was looked up outside a request; lambda-config.cjs must be required last`,
    );
  }
  const arn = slotArn(request.pool?.options.LambdaConfig, trigger);
  return arn === undefined || arn === '' ? undefined : functionName(arn);
}

LambdaService.prototype.enabled = function enabled(trigger) {
  return functionFor(trigger) !== undefined;
};

const invoke = LambdaService.prototype.invoke;
LambdaService.prototype.invoke = async function invokePoolFunction(ctx, trigger, event) {
  const name = functionFor(trigger);
  // cognito-local reads the function's name from its config and throws whatever Lambda threw
  // away: a per-call view hands it this pool's function and keeps the Lambda error.
  let lambdaError;
  const client = this.lambdaClient;
  const view = Object.create(this, {
    config: { value: name === undefined ? {} : { [trigger]: name } },
    lambdaClient: {
      value: {
        invoke(params) {
          const request = client.invoke(params);
          return {
            promise: () =>
              request.promise().catch((error) => {
                lambdaError = error;
                throw error;
              }),
          };
        },
      },
    },
  });
  try {
    return await invoke.call(view, ctx, trigger, event);
  } catch (error) {
    if (lambdaError !== undefined) {
      throw new CognitoError(
        'UnexpectedLambdaException',
        `${trigger} invocation failed due to error ${lambdaError.code ?? lambdaError.name}.`,
      );
    }
    const prefix = `${name} failed with error `;
    if (error instanceof UserLambdaValidationError && error.message.startsWith(prefix)) {
      throw new UserLambdaValidationError(
        `${trigger} failed with error ${error.message.slice(prefix.length)}`,
      );
    }
    throw error;
  }
};

/** The pool a request names, as the targets find it; undefined when it names none that exists. */
async function poolOfRequest(cognito, ctx, req) {
  try {
    if (typeof req?.UserPoolId === 'string') return await cognito.getUserPool(ctx, req.UserPoolId);
    const clientId = req?.ClientId ?? clientOfAccessToken(req?.AccessToken);
    if (typeof clientId === 'string') return await cognito.getUserPoolForClientId(ctx, clientId);
  } catch {
    // An unknown pool or client: the target answers that itself.
  }
  return undefined;
}

/** The app client an access token was issued to (`client_id`), read without verifying it. */
function clientOfAccessToken(token) {
  if (typeof token !== 'string') return undefined;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    return typeof payload.client_id === 'string' ? payload.client_id : undefined;
  } catch {
    return undefined;
  }
}

for (const name of Object.keys(Targets)) {
  const target = Targets[name];
  Targets[name] = (services) => {
    const serve = target(services);
    return async (ctx, req) => {
      const pool = await poolOfRequest(services.cognito, ctx, req);
      return requests.run({ pool }, () => serve(ctx, req));
    };
  };
}

// The OAuth2 routes (authorization code, refresh) generate tokens without a target: the pool is
// the app client's, found through the emulator's one CognitoService.
let cognitoService;
const createCognitoService = CognitoServiceFactoryImpl.prototype.create;
CognitoServiceFactoryImpl.prototype.create = async function create(...args) {
  cognitoService = await createCognitoService.apply(this, args);
  return cognitoService;
};

const generate = JwtTokenGenerator.prototype.generate;
JwtTokenGenerator.prototype.generate = async function generateForPool(ctx, ...args) {
  if (requests.getStore() !== undefined) return generate.call(this, ctx, ...args);
  const [, , userPoolClient] = args;
  const pool = await poolOfRequest(cognitoService, ctx, { UserPoolId: userPoolClient?.UserPoolId });
  return requests.run({ pool }, () => generate.call(this, ctx, ...args));
};
