// The Powertools variant of pre sign-up: every event validated with @aws-lambda-powertools/parser
// and zod, then the trigger's own handler. Bundled with the options of packages/bundle; the
// difference from dist/index.mjs is the cost of schema validation.
import { parse } from '@aws-lambda-powertools/parser';
import { handler as ours } from '../../../../triggers/pre-signup/src/handler.js';
import { preSignUpSchema } from './schemas.js';

export const handler: typeof ours = async (event, context) => {
  parse(event, undefined, preSignUpSchema);
  return ours(event, context);
};
