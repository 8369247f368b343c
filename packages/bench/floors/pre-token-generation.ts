// SDK floor of pre token generation: the pre-authentication floor (its client, its commands and
// its one BatchGetItem of the membership and the tenant), plus the Cognito client and commands
// its store path bundles to provision a user the store does not know. No logic, no cache, no log.
import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';

export * from './pre-authentication.js';
export { AdminAddUserToGroupCommand, AdminUpdateUserAttributesCommand, UpdateItemCommand };
export const cognito = new CognitoIdentityProviderClient({});
