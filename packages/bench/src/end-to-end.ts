import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type DeliveredMessage,
  decodeJwtPayload,
  LOCAL_CREDENTIALS,
  latestMessage,
} from '@cognito-triggers/local';
import { BENCH_DIR, DEPLOYED_ENV, type Tenancy } from './deployment.js';
import { type Summary, summarise } from './stats.js';
import { prepareStore } from './store.js';

/** The steps of a journey, and the functions Cognito invokes in each. */
export const STEPS = [
  { name: 'sign-up', functions: 'PreSignUp, CustomMessage' },
  { name: 'confirmation', functions: 'PostConfirmation' },
  { name: 'sign-in', functions: 'PreAuthentication, PreTokenGeneration' },
] as const;

export type EndToEndSection =
  | {
      readonly measured: true;
      readonly journeys: number;
      /** Each step of the first journey, in which every function starts cold, in ms. */
      readonly coldStepsMs: readonly number[];
      /** Each step of the other journeys, warm. */
      readonly warmStepsMs: readonly Summary[];
      readonly coldJourneyMs: number;
      readonly warmJourneyMs: Summary;
      /** Every ID token carried the user's tenant. */
      readonly tokenHasTenant: boolean;
    }
  | { readonly measured: false; readonly reason: string };

interface StackInfo {
  readonly region: string;
  readonly cognitoEndpoint: string;
  readonly dynamodbEndpoint: string;
  readonly clientId: string;
  readonly tenantTable: string;
}

const PASSWORD = 'Correct-Horse-42';

/**
 * Sign-up → confirmation (with the emailed code) → sign-in (`USER_PASSWORD_AUTH`), `journeys`
 * times by new users, through the local stack running the built bundles with the deployed
 * environment's settings. The stack runs in a child process; this one only times the calls.
 *
 * @example
 * const e2e = await measureEndToEnd(tenancy, 10, console.error);
 */
export async function measureEndToEnd(
  tenancy: Tenancy,
  journeys: number,
  progress: (line: string) => void,
): Promise<EndToEndSection> {
  progress('e2e: starting the local stack in its own process');
  const child = fork(join(BENCH_DIR, 'src', 'servers', 'stack.ts'), [DEPLOYED_ENV], {
    cwd: BENCH_DIR,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = messagesOf(child);
  const started = await next<{ stack?: StackInfo; failed?: string }>();
  const stack = started.stack;
  if (stack === undefined) {
    child.kill();
    return { measured: false, reason: `the local stack did not start: ${started.failed}` };
  }
  const cognito = new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: stack.cognitoEndpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  const { clientId } = stack;
  try {
    await prepareStore(stack.dynamodbEndpoint, stack.tenantTable, tenancy, { tableExists: true });
    const walls: number[][] = [];
    let tokenHasTenant = true;
    for (let run = 0; run < journeys; run++) {
      progress(`e2e: journey ${run + 1}/${journeys}`);
      const email = `journey-${run}@${tenancy.domain}`;
      const code = async () => {
        child.send('messages');
        const { messages } = await next<{ messages: DeliveredMessage[] }>();
        return latestMessage(messages, email, 'SignUp')?.code ?? '';
      };
      const wall: number[] = [];
      const timed = async <T>(call: () => Promise<T>) => {
        const at = performance.now();
        const answer = await call();
        wall.push(performance.now() - at);
        return answer;
      };
      await timed(() =>
        cognito.send(
          new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }),
        ),
      );
      const ConfirmationCode = await code();
      await timed(() =>
        cognito.send(
          new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode }),
        ),
      );
      const signedIn = await timed(() =>
        cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD },
          }),
        ),
      );
      const token = signedIn.AuthenticationResult?.IdToken;
      tokenHasTenant &&=
        token !== undefined && decodeJwtPayload(token).tenant_id === tenancy.tenantId;
      walls.push(wall);
    }
    const total = (wall: readonly number[]) => wall.reduce((sum, ms) => sum + ms, 0);
    return {
      measured: true,
      journeys,
      coldStepsMs: walls[0] ?? [],
      warmStepsMs: STEPS.map((_, index) =>
        summarise(walls.slice(1).map((wall) => wall[index] ?? Number.NaN)),
      ),
      coldJourneyMs: total(walls[0] ?? []),
      warmJourneyMs: summarise(walls.slice(1).map(total)),
      tokenHasTenant,
    };
  } catch (error) {
    return {
      measured: false,
      reason: `a journey failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    cognito.destroy();
    child.disconnect();
  }
}

// The child's messages, in order; a child that exits answers `{ failed }`.
function messagesOf(child: ChildProcess) {
  const waiting: ((message: unknown) => void)[] = [];
  child.on('message', (message) => waiting.shift()?.(message));
  child.on('exit', (code) => {
    for (const waiter of waiting.splice(0))
      waiter({ failed: `the stack process exited (${code})` });
  });
  return <T>() => new Promise<T>((resolve) => waiting.push(resolve as (message: unknown) => void));
}
