import { claimsTable } from '../../claims-table.js';
import type { ScenarioStep } from '../step.js';

/**
 * The last step: every ID and access token of the scenario as a table, and what holds for all of
 * them. With pre token generation `V1_0` the access tokens carry no tenant claims: the checks of
 * tenant claims then hold for the ID tokens only.
 */
export const claimsStep: ScenarioStep = {
  title: 'The token claims, decoded',
  async run(world) {
    const { tenantId, role, status } = world.claimNames;
    const version = world.stack.policy.preTokenGenerationVersion;
    for (const line of claimsTable(world.rows, [
      tenantId,
      role,
      status,
      'cognito:groups',
      'scope',
    ]).split('\n')) {
      world.say(line);
    }
    world.say(
      `(pre token generation ${version}: ${version === 'V1_0' ? 'the tenant claims are in the ID tokens only' : 'the tenant claims are in both tokens, the role’s scopes in the access token'})`,
    );
    const tenantRows = world.rows.filter(
      (row) => version !== 'V1_0' || !row.token.startsWith('access'),
    );
    const messages = world.stack.messages();
    const sources = [...new Set(messages.map((message) => message.source))];
    world.say('');
    world.say(`Messages delivered: ${messages.length}, sources ${sources.join(', ')}`);
    world.check(
      'SignUp, AdminCreateUser and ForgotPassword messages were delivered',
      ['SignUp', 'AdminCreateUser', 'ForgotPassword'].filter((source) => !sources.includes(source)),
      [],
    );
    world.check(
      `no token carries two role groups, or one that is not its ${role}'s`,
      tenantRows
        .filter(({ claims }) => {
          const groups = world.roleGroups(claims);
          return (
            groups.length > 0 && (groups.length > 1 || groups[0] !== world.groupOf(claims[role]))
          );
        })
        .map((row) => `${row.user} ${row.token}`),
      [],
    );
    world.check(
      `every ${version === 'V1_0' ? 'ID ' : ''}token has either ${tenantId} or ${status} (why it has no tenant)`,
      tenantRows
        .filter(({ claims }) => (claims[tenantId] === undefined) === (claims[status] === undefined))
        .map((row) => `${row.user} ${row.token}`),
      [],
    );
  },
};
