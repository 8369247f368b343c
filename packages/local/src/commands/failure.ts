import { CognitoLocalError, LocalStackError, PortInUseError } from '../errors.js';
import { PORT_OPTION } from './options.js';

/**
 * The line a `local` subcommand prints for a failure of the stack (exit 1): `CODE: message`
 * for a {@link LocalStackError}, with the option that picks another port for a busy one;
 * `undefined` for anything else, which is a bug.
 */
export function explainLocalFailure(error: unknown): string | undefined {
  if (error instanceof PortInUseError) {
    return `${error.code}: port ${error.port} is already in use (${error.service}): stop what uses it, or choose another port with ${PORT_OPTION[error.service]}`;
  }
  if (error instanceof LocalStackError) return `${error.code}: ${error.message}`;
  if (error instanceof CognitoLocalError) return error.message;
  return undefined;
}
