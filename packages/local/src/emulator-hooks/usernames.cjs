// Usernames and email aliases compared without regard to case when the pool says so
// (UsernameConfiguration.CaseSensitive = false, as the user-pool module and createLocalPool
// set it). cognito-local compares them exactly, so `Ana@Example.com` could not sign in as
// `ana@example.com` and could sign up a second time. Every target finds its user through
// getUserByUsername (SignUp and AdminCreateUser too, to refuse an existing one): the lookup
// is patched there, once. An exact match still wins; a pool that does not set it false is
// left case-sensitive.
'use strict';

const {
  UserPoolServiceImpl,
  attributeValue,
} = require('cognito-local/lib/services/userPoolService');

const getUserByUsername = UserPoolServiceImpl.prototype.getUserByUsername;
UserPoolServiceImpl.prototype.getUserByUsername = async function getUserByUsernameIgnoringCase(
  ctx,
  username,
) {
  const exact = await getUserByUsername.call(this, ctx, username);
  if (exact || typeof username !== 'string') return exact;
  if (this.options.UsernameConfiguration?.CaseSensitive !== false) return exact;

  const wanted = username.toLowerCase();
  const byEmail = this.options.UsernameAttributes?.includes('email') ?? false;
  const users = await this.dataStore.get(ctx, 'Users', {});
  for (const user of Object.values(users)) {
    if (user.Username.toLowerCase() === wanted) return user;
    if (byEmail && attributeValue('email', user.Attributes)?.toLowerCase() === wanted) return user;
  }
  return null;
};
