import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { NotFound } from './components/not-found';
import { Root } from './components/root';
import { validateCaseloadSearch } from './features/caseload/caseload-search';

const rootRoute = createRootRoute({ component: Root, notFoundComponent: NotFound });

/** Each page is its own chunk, loaded when first visited. */
const page = <P extends string>(path: P, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: lazyRouteComponent(load as never, name as never),
  });

const routeTree = rootRoute.addChildren([
  page('/', () => import('./routes/home'), 'HomePage'),
  page('/account', () => import('./routes/account'), 'AccountPage'),
  page('/admin/centres', () => import('./features/centres/centres-page'), 'CentresPage'),
  page('/admin/users', () => import('./routes/users'), 'UsersPage'),
  page('/audit', () => import('./features/audit/audit-page'), 'AuditPage'),
  page(
    '/subject-access',
    () => import('./features/data-protection/subject-access-page'),
    'SubjectAccessPage',
  ),
  page('/processing', () => import('./features/data-protection/processing-page'), 'ProcessingPage'),
  page('/imports', () => import('./features/imports/imports-page'), 'ImportsPage'),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/cases',
    validateSearch: validateCaseloadSearch,
    component: lazyRouteComponent(() => import('./features/caseload/caseload-page'), 'CaseloadPage'),
  }),
  page('/cases/$caseId', () => import('./features/cases/family-page'), 'FamilyPageView'),
  page('/search', () => import('./features/search/search-page'), 'SearchPage'),
  page('/register', () => import('./features/registration/register-page'), 'RegisterPage'),
  page('/programmes', () => import('./features/programmes/programmes-page'), 'ProgrammesPage'),
  page('/contracts', () => import('./features/contracts/contracts-page'), 'ContractsPage'),
  page('/institutions', () => import('./features/institutions/institutions-page'), 'InstitutionsPage'),
  page('/groups', () => import('./features/groups/groups-page'), 'GroupsPage'),
  page('/groups/$groupId', () => import('./features/groups/groups-page'), 'GroupPage'),
  page(
    '/activities',
    () => import('./features/centre-activities/centre-activities-page'),
    'CentreActivitiesPage',
  ),
  page('/events', () => import('./features/events/events-page'), 'EventsPage'),
  page('/events/$eventId', () => import('./features/events/events-page'), 'EventPage'),
  page('/mentoring', () => import('./features/mentoring/matches-page'), 'MentoringPage'),
  page('/mentoring/$matchId', () => import('./features/mentoring/match-page'), 'MatchPage'),
  page('/volunteers', () => import('./features/volunteers/volunteers-page'), 'VolunteersPage'),
  page('/projects', () => import('./features/projects/projects-page'), 'ProjectsPage'),
  page('/projects/new', () => import('./features/projects/project-form'), 'ProjectFormPage'),
  page('/projects/$projectId', () => import('./features/projects/project-page'), 'ProjectPage'),
  page('/projects/$projectId/edit', () => import('./features/projects/project-form'), 'ProjectFormPage'),
  page(
    '/projects/$projectId/results',
    () => import('./features/projects/project-results'),
    'ProjectResultsPage',
  ),
  page('/reports', () => import('./features/reports/results-page'), 'ResultsPage'),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
