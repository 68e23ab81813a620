import { createServer } from 'node:net';
import type { Logger } from '../common/logger.js';

export const DEFAULT_EMBEDDED_PORT = 54329;
const HOST = '127.0.0.1';

/**
 * The port for the embedded PostgreSQL, checked before starting it: PostgreSQL itself would only
 * fail deep inside its start log. A port set explicitly is kept or refused; the default gives way.
 */
export async function chooseEmbeddedPort(requested: number | null, logger: Logger): Promise<number> {
  const port = requested ?? DEFAULT_EMBEDDED_PORT;
  if (await isPortFree(port)) return port;
  if (requested !== null) throw portTakenError(port);
  const other = await anyFreePort();
  logger.warn(`port ${port} is in use; the embedded PostgreSQL takes port ${other} instead`, { port: other });
  return other;
}

export function portTakenError(port: number): Error {
  return new Error(
    `port ${port} on ${HOST} is already in use, so the embedded PostgreSQL cannot start; set EMBEDDED_PG_PORT to a free port, or leave it unset to let the service choose one`,
  );
}

/** Whether a server could listen on the port, as PostgreSQL will try to. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port on 127.0.0.1'))));
    });
  });
}
