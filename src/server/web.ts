import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../platform/errors';
import { registerPublic } from './access';

export const webDir = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Serves the built web app: hashed assets cached for a year, `index.html` for every
 * other non-API path (the router runs in the browser). Unknown `/api` paths answer
 * JSON 404.
 */
export async function installWeb(app: FastifyInstance): Promise<void> {
  const built = existsSync(`${webDir}index.html`);
  if (built) {
    await registerPublic(app, fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: ['index.html'],
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url === '/api' || request.url.startsWith('/api/')) throw new AppError('NOT_FOUND');
    if (!built) {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build:web` (npm start does it for you).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
