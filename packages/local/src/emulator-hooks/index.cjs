// Preloaded into the cognito-local 5.3.0 process (`node --require`) by startCognitoLocal. Every
// change it makes is listed in this package's README ("cognito-local's gaps, and what the stack
// does about them"); each lives in a module of its own, named for what it changes.
'use strict';

require('./delivery.cjs');
require('./confirm-sign-up.cjs');
require('./admin-create-user.cjs');
require('./global-sign-out.cjs');
require('./token-groups.cjs');
require('./pre-authentication.cjs');

// 3. The emulator exits when the stack that started it goes away (IPC channel closed), so a
//    killed parent never leaves a port taken.
if (process.channel) process.on('disconnect', () => process.exit(0));
