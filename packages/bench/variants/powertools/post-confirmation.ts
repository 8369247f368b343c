// The Powertools variant of post confirmation: every event validated with
// @aws-lambda-powertools/parser and zod, then the trigger's own handler.
import { parse } from '@aws-lambda-powertools/parser';
import { handler as ours } from '../../../../triggers/post-confirmation/src/handler.js';
import { postConfirmationSchema } from './schemas.js';

export const handler: typeof ours = async (event, context) => {
  parse(event, undefined, postConfirmationSchema);
  return ours(event, context);
};
