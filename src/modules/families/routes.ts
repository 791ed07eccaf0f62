import { asActor } from '../../platform/context';
import type { App } from '../../platform/types';
import { idParams, okResponse } from '../../shared/contracts/common';
import {
  addMemberInput,
  duplicateCheckInput,
  duplicateCheckResult,
  leaveFamilyInput,
  memberParams,
  membershipCorrection,
  mergePersonsInput,
  personUpdate,
  quickSearchQuery,
  quickSearchResult,
  registeredResponse,
  registerFamilyInput,
  searchQuery,
  searchResult,
} from '../../shared/contracts/registry';
import { checkDuplicates } from './check-duplicates';
import { addMember, correctMembership, leaveFamily } from './membership';
import { mergePersons } from './merge-persons';
import { quickSearch } from './quick-search';
import { registerFamily } from './register-family';
import { searchPeople } from './search';
import { updatePerson } from './update-person';

const tags = ['families'];

export async function familyRoutes(app: App): Promise<void> {
  app.post(
    '/api/families',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Register a family with its members and open a case with its referral',
        body: registerFamilyInput,
        response: { 201: registeredResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await asActor(request, (ctx) => registerFamily(ctx, request.body))),
  );

  app.post(
    '/api/persons/check',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Before registering a person: the same personal code or similar people already registered',
        body: duplicateCheckInput,
        response: { 200: duplicateCheckResult },
      },
    },
    (request) =>
      asActor(request, async (ctx) => {
        const { protectedPersonId: _, ...visible } = await checkDuplicates(ctx, request.body);
        return visible;
      }),
  );

  app.patch(
    '/api/persons/:id',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Edit a person',
        params: idParams,
        body: personUpdate,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => updatePerson(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/search',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary: 'Find people by name, personal code or birth date, within the caller’s scope',
        querystring: searchQuery,
        response: { 200: searchResult },
      },
    },
    (request) => asActor(request, (ctx) => searchPeople(ctx, request.query)),
  );

  app.get(
    '/api/quick-search',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags,
        summary:
          'The header’s search: families the caller may open, by name, case number or personal code; with nothing typed, the cases she opened lately',
        querystring: quickSearchQuery,
        response: { 200: quickSearchResult },
      },
    },
    (request) => asActor(request, (ctx) => quickSearch(ctx, request.query.q)),
  );

  app.post(
    '/api/families/:id/members',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'Add a member to a family',
        params: idParams,
        body: addMemberInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => addMember(ctx, request.params.id, request.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/families/:id/members/:memberId/leave',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary: 'End a membership (the person left the household); history is kept',
        params: memberParams,
        body: leaveFamilyInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        leaveFamily(
          ctx,
          request.params.id,
          request.params.memberId,
          request.body.leftOn,
          request.body.version,
        ),
      );
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/families/:id/members/:memberId',
    {
      config: { access: { permission: 'cases.write' } },
      schema: {
        tags,
        summary:
          'Correct a membership: relation, joining and leaving dates (the version it was read at, and why); history is kept',
        params: memberParams,
        body: membershipCorrection,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) =>
        correctMembership(ctx, request.params.id, request.params.memberId, request.body),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/persons/merge',
    {
      config: { access: { permission: 'cases.supervise' } },
      schema: {
        tags,
        summary: 'Merge two records of the same person (audited; the merged record is kept, marked)',
        body: mergePersonsInput,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await asActor(request, (ctx) => mergePersons(ctx, request.body.keepId, request.body.mergeId));
      return { ok: true as const };
    },
  );
}
