// Preloaded into the cognito-local 5.3.0 process (`node --require`) by startCognitoLocal. Every
// change it makes is listed in this package's README ("cognito-local's gaps, and what the stack
// does about them"); each lives in a module of its own, named for what it changes.
'use strict';

// First: the cognito-local these hooks were written for, or a clear error before any of them.
require('./internals.cjs').assertInternals();

// Its socket, handed over by the stack.
require('./listen.cjs');

require('./delivery.cjs');
require('./confirm-sign-up.cjs');
require('./admin-create-user.cjs');
require('./global-sign-out.cjs');
require('./tokens.cjs');
require('./client-credentials.cjs');
require('./new-password.cjs');
require('./pre-authentication.cjs');
require('./wrong-password.cjs');
require('./trigger-errors.cjs');
require('./usernames.cjs');
require('./attributes.cjs');
require('./email-change.cjs');
require('./pool-settings.cjs');
// Last: its wrapper around every target must be the outermost (see the file).
require('./lambda-config.cjs');

// The emulator exits when the stack that started it goes away (IPC channel closed), so a
// killed parent never leaves a port taken.
if (process.channel) process.on('disconnect', () => process.exit(0));
