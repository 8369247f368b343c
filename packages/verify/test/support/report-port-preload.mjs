// Preloaded (`node --import`) into the README's server, which the test starts with PORT=0: the
// operating system picks a free port as the server listens, so no other process can take it
// first, and this tells the test which port it is, over the IPC channel. Nothing else is touched.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenAndReport(...args) {
  this.once('listening', () => {
    const address = this.address();
    if (typeof address === 'object' && address !== null) process.send?.({ port: address.port });
  });
  return listen.apply(this, args);
};
