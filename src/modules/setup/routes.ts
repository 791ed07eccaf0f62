import { z } from 'zod';
import { inTransaction } from '../../platform/context';
import type { App } from '../../platform/types';
import { text } from '../../shared/contracts/common';
import { createUserInput } from '../../shared/contracts/users';
import { maxPasswordLength } from '../../shared/password-policy';
import { createFirstAdministrator, setupNeeded } from './first-administrator';

const tags = ['setup'];

export async function setupRoutes(app: App): Promise<void> {
  app.get(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Whether the first administrator is still to be created (only then does setup work)',
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    (request) => inTransaction(request, async (ctx) => ({ needed: await setupNeeded(ctx) })),
  );

  app.post(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Create the first administrator with the token of the setup link the server printed',
        body: createUserInput.pick({ email: true, givenName: true, familyName: true }).extend({
          token: text(200).min(1),
          password: z.string().min(1).max(maxPasswordLength),
        }),
        response: { 201: z.object({ email: z.string() }) },
      },
    },
    async (request, reply) => {
      const { config } = request.server.deps;
      const created = await inTransaction(request, (ctx) =>
        createFirstAdministrator(ctx, request.server.deps.setupToken!, request.body, config.organisationName),
      );
      return reply.status(201).send(created);
    },
  );
}
