// The Powertools variant of custom message: every event validated with
// @aws-lambda-powertools/parser and zod, then the trigger's own handler.
import { parse } from '@aws-lambda-powertools/parser';
import { handler as ours } from '../../../../triggers/custom-message/src/handler.js';
import { customMessageSchema } from './schemas.js';

export const handler: typeof ours = async (event, context) => {
  parse(event, undefined, customMessageSchema);
  return ours(event, context);
};
