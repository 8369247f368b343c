// The Powertools variant of pre authentication: every event validated with
// @aws-lambda-powertools/parser and zod, then the trigger's own handler. Bundled in the
// trigger's own lazy mode, so the SDK stays out of cold start here too.
import { parse } from '@aws-lambda-powertools/parser';
import { handler as ours } from '../../../../triggers/pre-authentication/src/handler.js';
import { preAuthenticationSchema } from './schemas.js';

export const handler: typeof ours = async (event, context) => {
  parse(event, undefined, preAuthenticationSchema);
  return ours(event, context);
};
