import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { NotFound } from './components/not-found';
import { Root } from './components/root';
import { validateCaseloadSearch } from './routes/caseload-search';

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
  page('/admin/centres', () => import('./routes/centres'), 'CentresPage'),
  page('/admin/users', () => import('./routes/users'), 'UsersPage'),
  page('/audit', () => import('./routes/audit'), 'AuditPage'),
  page('/subject-access', () => import('./routes/subject-access'), 'SubjectAccessPage'),
  page('/processing', () => import('./routes/processing'), 'ProcessingPage'),
  page('/imports', () => import('./routes/imports'), 'ImportsPage'),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/cases',
    validateSearch: validateCaseloadSearch,
    component: lazyRouteComponent(() => import('./routes/caseload'), 'CaseloadPage'),
  }),
  page('/cases/$caseId', () => import('./features/cases/family-page'), 'FamilyPageView'),
  page('/search', () => import('./routes/search'), 'SearchPage'),
  page('/register', () => import('./routes/register'), 'RegisterPage'),
  page('/programmes', () => import('./routes/programmes'), 'ProgrammesPage'),
  page('/contracts', () => import('./routes/contracts'), 'ContractsPage'),
  page('/institutions', () => import('./routes/institutions'), 'InstitutionsPage'),
  page('/groups', () => import('./features/groups/groups-page'), 'GroupsPage'),
  page('/groups/$groupId', () => import('./features/groups/groups-page'), 'GroupPage'),
  page(
    '/activities',
    () => import('./features/centre-activities/centre-activities-page'),
    'CentreActivitiesPage',
  ),
  page('/events', () => import('./features/events/events-page'), 'EventsPage'),
  page('/events/$eventId', () => import('./features/events/events-page'), 'EventPage'),
  page('/volunteers', () => import('./routes/volunteers'), 'VolunteersPage'),
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
