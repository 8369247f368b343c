import {
  CreateAuthChallengeSource,
  DefineAuthChallengeSource,
  VerifyAuthChallengeResponseSource,
} from '../events/auth-challenge.js';
import { CustomEmailSenderSource, CustomSmsSenderSource } from '../events/custom-sender.js';
import { InboundFederationSource } from '../events/inbound-federation.js';
import { PostAuthenticationSource } from '../events/post-authentication.js';
import { UserMigrationSource } from '../events/user-migration.js';
import { ALL_SOURCES } from './events.js';

/**
 * Every `triggerSource` of every trigger the library types: {@link ALL_SOURCES} (the suite's five
 * triggers, which other packages' tests iterate and which therefore stays as it is) plus post
 * authentication, the three custom authentication challenge triggers, user migration, the two
 * custom senders and inbound federation.
 *
 * @example
 * it.each(EVERY_SOURCE.customEmailSender)('sends %s', async (source) => { … });
 */
export const EVERY_SOURCE = {
  ...ALL_SOURCES,
  postAuthentication: Object.values(PostAuthenticationSource),
  defineAuthChallenge: Object.values(DefineAuthChallengeSource),
  createAuthChallenge: Object.values(CreateAuthChallengeSource),
  verifyAuthChallengeResponse: Object.values(VerifyAuthChallengeResponseSource),
  userMigration: Object.values(UserMigrationSource),
  customEmailSender: Object.values(CustomEmailSenderSource),
  customSmsSender: Object.values(CustomSmsSenderSource),
  inboundFederation: Object.values(InboundFederationSource),
} as const;
