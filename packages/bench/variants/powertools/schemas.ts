import {
  CustomMessageTriggerSchema,
  PostConfirmationTriggerSchema,
  PreAuthenticationTriggerSchema,
  PreSignupTriggerSchema,
  PreTokenGenerationTriggerSchemaV1,
  PreTokenGenerationTriggerSchemaV2AndV3,
} from '@aws-lambda-powertools/parser/schemas/cognito';
import { z } from 'zod';

// Powertools 2.35's Cognito schemas, widened only where they refuse what Cognito sends:
// `clientMetadata` is `null` when the client passes none (they accept it absent, not null), and
// pre sign-up and post confirmation each have sources besides the one literal they allow.
// Everything else is theirs, unchanged.
const clientMetadata = z.record(z.string(), z.string()).nullish();

export const preSignUpSchema = PreSignupTriggerSchema.extend({
  triggerSource: z.enum([
    'PreSignUp_SignUp',
    'PreSignUp_AdminCreateUser',
    'PreSignUp_ExternalProvider',
  ]),
  request: PreSignupTriggerSchema.shape.request.extend({ clientMetadata }),
});

export const postConfirmationSchema = PostConfirmationTriggerSchema.extend({
  triggerSource: z.enum([
    'PostConfirmation_ConfirmSignUp',
    'PostConfirmation_ConfirmForgotPassword',
  ]),
  request: PostConfirmationTriggerSchema.shape.request.extend({ clientMetadata }),
});

// Taken as it is: it accepts `validationData: null` and has the one source there is.
export const preAuthenticationSchema = PreAuthenticationTriggerSchema;

export const customMessageSchema = CustomMessageTriggerSchema.extend({
  request: CustomMessageTriggerSchema.shape.request.extend({ clientMetadata }),
});

export const preTokenV1Schema = PreTokenGenerationTriggerSchemaV1.extend({
  request: PreTokenGenerationTriggerSchemaV1.shape.request.extend({ clientMetadata }),
});

export const preTokenV2Schema = PreTokenGenerationTriggerSchemaV2AndV3.extend({
  request: PreTokenGenerationTriggerSchemaV2AndV3.shape.request.extend({ clientMetadata }),
});
