import { claimsTable } from '../../claims-table.js';
import type { ScenarioStep } from '../step.js';

/** The last step: every ID token of the scenario as a table, and what holds for all of them. */
export const claimsStep: ScenarioStep = {
  title: 'The token claims, decoded',
  async run(world) {
    const { tenantId, role, status } = world.claimNames;
    for (const line of claimsTable(world.rows, [tenantId, role, status, 'cognito:groups']).split(
      '\n',
    )) {
      world.say(line);
    }
    world.say(
      '(cognito:groups of a first sign-in is empty in cognito-local: it lists the groups before the',
    );
    world.say(
      ' trigger runs and ignores groupOverrideDetails; the group is there from the next sign-in)',
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
      world.rows
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
      `every token has either ${tenantId} or ${status} (why it has no tenant)`,
      world.rows
        .filter(({ claims }) => (claims[tenantId] === undefined) === (claims[status] === undefined))
        .map((row) => `${row.user} ${row.token}`),
      [],
    );
  },
};
