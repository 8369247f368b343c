// The Powertools variant of pre token generation: every event validated with
// @aws-lambda-powertools/parser and zod (the schema of its version), then the trigger's own
// handler. Bundled in the trigger's own lazy mode, so the SDK stays out of cold start here too.
import { parse } from '@aws-lambda-powertools/parser';
import { handler as ours } from '../../../../triggers/pre-token-generation/src/handler.js';
import { preTokenV1Schema, preTokenV2Schema } from './schemas.js';

export const handler: typeof ours = async (event, context) => {
  parse(event, undefined, event.version === '1' ? preTokenV1Schema : preTokenV2Schema);
  return ours(event, context);
};
