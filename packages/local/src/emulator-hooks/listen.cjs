// The emulator listens on the socket the stack opened for it (startCognitoLocal), handed over
// the IPC channel, rather than on PORT: a port chosen free and then closed can be taken by any
// process before the emulator listens on it, and then the emulator dies with EADDRINUSE. PORT
// still names the port, for the tokens' issuer.
'use strict';

const http = require('node:http');

const MESSAGE = process.env.COGNITO_LOCAL_LISTEN_MESSAGE;

if (MESSAGE !== undefined && process.channel) {
  /** Connections accepted before cognito-local's server exists, handed to it when it does. */
  const early = [];
  const handed = new Promise((resolve) => {
    const receive = (message, server) => {
      if (message !== MESSAGE || server === undefined) return;
      process.off('message', receive);
      server.on('connection', (socket) => early.push(socket));
      resolve(server);
    };
    process.on('message', receive);
  });

  // cognito-local's start() calls server.listen(PORT, HOST, callback) once: that call listens on
  // the handed socket instead, and the method is restored.
  const prototype = http.Server.prototype;
  const own = Object.getOwnPropertyDescriptor(prototype, 'listen');
  const listen = prototype.listen;
  prototype.listen = function listenOnHandedSocket(...args) {
    if (own === undefined) delete prototype.listen;
    else Object.defineProperty(prototype, 'listen', own);
    const callback = args.find((arg) => typeof arg === 'function');
    handed.then((socket) => {
      listen.call(this, socket, callback);
      for (const connection of early.splice(0)) this.emit('connection', connection);
    });
    return this;
  };
}
