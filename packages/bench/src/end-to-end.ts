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
  type StackInfo,
} from '@cognito-triggers/local';
import { BENCH_DIR, DEPLOYED_ENV } from './deployment.js';
import { forkChild } from './processes.js';
import type { Bench } from './run.js';
import { sum, summarise } from './stats.js';
import { prepareStore } from './store.js';

/** The steps of a journey, and the functions Cognito invokes in each. */
export const STEPS = [
  { name: 'sign-up', functions: 'PreSignUp, CustomMessage' },
  { name: 'confirmation', functions: 'PostConfirmation' },
  { name: 'sign-in', functions: 'PreAuthentication, PreTokenGeneration' },
] as const;

export type EndToEndSection = Awaited<ReturnType<typeof measureEndToEnd>>;

const PASSWORD = 'Correct-Horse-42';

/**
 * Sign-up → confirmation (with the emailed code) → sign-in (`USER_PASSWORD_AUTH`) by new users,
 * through the local stack running the built bundles with the deployed settings. The stack runs in
 * a child process (`servers/stack.ts`); this one only times the calls.
 */
export async function measureEndToEnd(bench: Bench) {
  const { tenancy, settings, progress } = bench;
  progress('e2e: starting the local stack in its own process');
  const child = forkChild(join(BENCH_DIR, 'src', 'servers', 'stack.ts'), [DEPLOYED_ENV], {
    cwd: BENCH_DIR,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let cognito: CognitoIdentityProviderClient | undefined;
  try {
    const { stack, failed } = await child.next<{ stack?: StackInfo; failed?: string }>();
    if (stack === undefined) return notMeasured(`the local stack did not start: ${failed}`);
    const { region, cognitoEndpoint: endpoint, clientId: ClientId } = stack;
    cognito = new CognitoIdentityProviderClient({
      region,
      endpoint,
      credentials: LOCAL_CREDENTIALS,
    });
    await prepareStore(stack.dynamodbEndpoint, stack.tenantTable, tenancy, { tableExists: true });
    const walls: number[][] = [];
    let tokenHasTenant = true;
    for (let run = 0; run < settings.journeys; run++) {
      progress(`e2e: journey ${run + 1}/${settings.journeys}`);
      const Username = `journey-${run}@${tenancy.domain}`;
      const wall: number[] = [];
      const timed = async <T>(call: () => Promise<T>) => {
        const at = performance.now();
        const answer = await call();
        wall.push(performance.now() - at);
        return answer;
      };
      const send = cognito.send.bind(cognito);
      await timed(() => send(new SignUpCommand({ ClientId, Username, Password: PASSWORD })));
      const { messages } = await child.next<{ messages: DeliveredMessage[] }>('messages');
      const ConfirmationCode = latestMessage(messages, Username, 'SignUp')?.code ?? '';
      await timed(() => send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode })));
      const AuthParameters = { USERNAME: Username, PASSWORD };
      const { AuthenticationResult } = await timed(() =>
        send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters })),
      );
      const token = AuthenticationResult?.IdToken;
      tokenHasTenant &&=
        token !== undefined && decodeJwtPayload(token).tenant_id === tenancy.tenantId;
      walls.push(wall);
    }
    const warm = walls.slice(1);
    return {
      measured: true as const,
      journeys: settings.journeys,
      /** Each step of the first journey, in which every function starts cold, in ms. */
      coldStepsMs: walls[0] ?? [],
      /** Each step of the other journeys, warm. */
      warmStepsMs: STEPS.map((_, i) => summarise(warm.map((w) => w[i] ?? Number.NaN))),
      coldJourneyMs: sum(walls[0] ?? []),
      warmJourneyMs: summarise(warm.map(sum)),
      /** Every ID token carried the user's tenant. */
      tokenHasTenant,
    };
  } catch (error) {
    return notMeasured(`a journey failed: ${(error as Error).message}`);
  } finally {
    cognito?.destroy();
    await child.stop();
  }
}

const notMeasured = (reason: string) => ({ measured: false as const, reason });
