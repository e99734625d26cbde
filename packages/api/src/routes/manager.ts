/**
 * Managers: a summary of everyone under them (the whole ManagerId subtree) for one period. For each
 * person's own statements, history, tier position and what-if, managers use the rep routes with
 * that person's id. Ops and admins may ask for any manager's team.
 */
import { resolveRepId } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { route } from '../http/route.js';
import { teamQuerySchema, teamSchema } from '../schemas/rep.js';
import { teamSummary } from '../services/team.js';

export const managerRoutes = [
  route({
    method: 'get',
    path: '/api/team',
    operationId: 'getTeamSummary',
    summary: 'Team summary: everyone under a manager, with their statement totals for a period',
    description:
      'Default manager: the caller. A manager may ask for anyone in their tree (a sub-team); ops and admins for anyone.',
    tag: 'manager',
    access: 'user',
    query: teamQuerySchema,
    responses: { 200: { description: 'members breadth first, totals per currency', schema: teamSchema } },
    async handle({ principal, query, api }) {
      const managerId =
        query.managerId === undefined
          ? principal.userId
          : resolveRepId(principal, query.managerId, { in: 'query', name: 'managerId' });
      const ownTree = managerId === principal.userId || principal.directory.isUnder(managerId, principal.userId);
      if (!principal.isOps && !ownTree) throw ApiError.forbidden('you may see only your own team');
      if (!principal.isOps && !principal.directory.hasReports(principal.userId)) {
        throw ApiError.forbidden('nobody reports to you in Salesforce');
      }
      return { body: await teamSummary(principal.directory, api.statements, managerId, query.period) };
    },
  }),
];
