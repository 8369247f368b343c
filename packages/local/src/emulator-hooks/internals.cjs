// The start-time check. The hooks patch cognito-local's internals (module paths, exported
// classes, prototype methods, the Targets table), which no semantic version promises: they are
// written for 5.3.0, pinned in packages/local/package.json. Required first by index.cjs, this
// module checks the installed version and every module and export the hooks use, and throws
// before any hook runs, naming what is missing: the stack reports that line
// (CognitoLocalError) instead of an emulator that starts and misbehaves.
'use strict';

const WRITTEN_FOR = '5.3.0';

/**
 * Every module of cognito-local a hook requires, and what the hooks take from it or patch on it:
 * a path of properties (`Class.prototype.method`) → the `typeof` it must have. A new hook adds its
 * own here (test/internals.test.ts holds every `require('cognito-local/…')` against this table).
 */
const INTERNALS = {
  'cognito-local/lib/errors': {
    CognitoError: 'function',
    NotAuthorizedError: 'function',
    ResourceNotFoundError: 'function',
    UserLambdaValidationError: 'function',
    UserNotFoundError: 'function',
  },
  'cognito-local/lib/keys/cognitoLocal.private.json': {
    pem: 'string',
  },
  'cognito-local/lib/services/cognitoService': {
    'CognitoServiceFactoryImpl.prototype.create': 'function',
    'USER_POOL_AWS_DEFAULTS.SchemaAttributes': 'object',
  },
  'cognito-local/lib/services/lambda': {
    'LambdaService.prototype.createLambdaEvent': 'function',
    'LambdaService.prototype.enabled': 'function',
    'LambdaService.prototype.invoke': 'function',
  },
  'cognito-local/lib/services/messageDelivery/deliveryMethod': {
    selectAppropriateDeliveryMethod: 'function',
  },
  'cognito-local/lib/services/messageDelivery/consoleMessageSender': {
    'ConsoleMessageSender.prototype.sendEmail': 'function',
    'ConsoleMessageSender.prototype.sendSms': 'function',
  },
  'cognito-local/lib/services/messages': {
    'MessagesService.prototype.deliver': 'function',
  },
  'cognito-local/lib/services/tokenGenerator': {
    'JwtTokenGenerator.prototype.generate': 'function',
  },
  'cognito-local/lib/services/triggers/customMessage': {
    CustomMessage: 'function',
  },
  'cognito-local/lib/services/triggers/postConfirmation': {
    PostConfirmation: 'function',
  },
  'cognito-local/lib/services/triggers/triggers': {
    TriggersService: 'function',
  },
  'cognito-local/lib/services/userPoolService': {
    attribute: 'function',
    attributesAppend: 'function',
    attributesToRecord: 'function',
    attributeValue: 'function',
    defaultVerifiedAttributesIfModified: 'function',
    'UserPoolServiceImpl.prototype.getUserByUsername': 'function',
  },
  'cognito-local/lib/targets/responses': {
    userToResponseObject: 'function',
  },
  'cognito-local/lib/targets/targets': {
    'Targets.AdminConfirmSignUp': 'function',
    'Targets.AdminCreateUser': 'function',
    'Targets.AdminInitiateAuth': 'function',
    'Targets.AdminUpdateUserAttributes': 'function',
    'Targets.ConfirmSignUp': 'function',
    'Targets.DescribeUserPool': 'function',
    'Targets.GetUser': 'function',
    'Targets.InitiateAuth': 'function',
    'Targets.RespondToAuthChallenge': 'function',
    'Targets.SignUp': 'function',
    'Targets.UpdateUserPool': 'function',
    'Targets.UpdateUserAttributes': 'function',
  },
};

/**
 * What is missing from, or not as expected in, a cognito-local: one line per problem, empty
 * when every module and export of `table` is there with its type.
 *
 * @param {{ load: (module: string) => unknown, table: Record<string, Record<string, string>> }} options
 * @returns {string[]}
 */
function internalsProblems({ load, table }) {
  const problems = [];
  for (const [module, exports] of Object.entries(table)) {
    let loaded;
    try {
      loaded = load(module);
    } catch (error) {
      problems.push(`${module} is missing (${error?.code ?? error?.message ?? error})`);
      continue;
    }
    for (const [path, type] of Object.entries(exports)) {
      const value = path.split('.').reduce((object, key) => object?.[key], loaded);
      if (value === undefined) problems.push(`${module}.${path} is missing (expected a ${type})`);
      else if (typeof value !== type) {
        problems.push(`${module}.${path} is a ${typeof value} (expected a ${type})`);
      }
    }
  }
  return problems;
}

/**
 * Throws, naming the version found and every problem, unless the installed cognito-local is the
 * version the hooks were written for and has everything they use.
 *
 * @param {{ version?: string, load?: (module: string) => unknown, table?: Record<string, Record<string, string>> }} [options]
 */
function assertInternals(options = {}) {
  const load = options.load ?? require;
  const version = options.version ?? installedVersion(load);
  const problems = internalsProblems({ load, table: options.table ?? INTERNALS });
  if (version === WRITTEN_FOR && problems.length === 0) return;
  const detail =
    problems.length > 0
      ? problems.join('; ')
      : `its internals may differ: pin cognito-local ${WRITTEN_FOR} (packages/local/package.json)`;
  throw new Error(
    `emulator-hooks: written for cognito-local ${WRITTEN_FOR}, found ${version}: ${detail}`,
  );
}

function installedVersion(load) {
  try {
    return load('cognito-local/package.json').version;
  } catch {
    return 'none';
  }
}

module.exports = { INTERNALS, WRITTEN_FOR, assertInternals, internalsProblems };
