import { createServer, type Server } from 'node:net';
import { Logger } from '../common/logger.js';
import { chooseEmbeddedPort, DEFAULT_EMBEDDED_PORT, isPortFree } from './local-port.js';

const quiet = new Logger('error');

/** Listens on the port; null when something else holds it already (then it is taken all the same). */
function hold(port: number): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(null) : reject(error)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
const release = (server: Server | null) => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

describe('chooseEmbeddedPort', () => {
  it('refuses a port set explicitly that is taken, in one sentence naming the port and the setting', async () => {
    const holder = (await hold(0))!;
    const port = (holder.address() as { port: number }).port;
    try {
      await expect(chooseEmbeddedPort(port, quiet)).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot start; set EMBEDDED_PG_PORT to a free port, or leave it unset to let the service choose one`,
      );
    } finally {
      await release(holder);
    }
    expect(await chooseEmbeddedPort(port, quiet)).toBe(port);
  });

  it('takes another free port when the default one is taken and no port was set', async () => {
    const holder = await hold(DEFAULT_EMBEDDED_PORT);
    try {
      const port = await chooseEmbeddedPort(null, quiet);
      expect(port).not.toBe(DEFAULT_EMBEDDED_PORT);
      expect(await isPortFree(port)).toBe(true);
    } finally {
      await release(holder);
    }
  });
});
