import { QueryClient } from '@tanstack/react-query';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { createDataProvider } from './api/dataProvider';
import { authProvider } from './auth/authProvider';
import { apiKeys, users } from './admin';
import { companies } from './companies';
import { computeAccounts, DeadLetterPage } from './compute';
import { Dashboard } from './dashboard/Dashboard';
import { BoardPage, deals } from './deals';
import { i18nProvider } from './i18n';
import { applications, programs } from './incentives';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { theme, darkTheme } from './layout/theme';
import { ConflictQueue, ConflictShow, LeadImportPage, leads, PoolPage } from './leads';
import { notifications } from './notifications';
import { onboardingTemplates, onboardingTracks } from './onboarding';
import { ReportsPage, targets } from './reports';
import { SearchPage } from './search/SearchPage';
import { CalendarPage, siteVisits } from './site-visits';
import { buildings, leases, reservations, units } from './spaces';
import { MyTasksPage, tasks } from './tasks';

const dataProvider = createDataProvider();

/**
 * A refused request (4xx) is an answer, not a fault: show it at once. Only network failures and
 * 5xx (a restarting server, a database failover) are worth two more tries.
 */
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => {
        const status = (error as { status?: number }).status;
        return failures < 2 && (status === undefined || status >= 500);
      },
    },
  },
});

export function App() {
  return (
    <Admin
      title="crm.title"
      dataProvider={dataProvider}
      queryClient={queryClient}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
      theme={theme}
      darkTheme={darkTheme}
      requireAuth
      disableTelemetry
    >
      <Resource name="deals" {...deals} />
      <Resource name="companies" {...companies} />
      <Resource name="leads" {...leads} />
      <Resource name="lead-conflicts" list={ConflictQueue} show={ConflictShow} />
      <Resource name="site-visits" {...siteVisits} />
      <Resource name="tasks" {...tasks} />
      <Resource name="notifications" {...notifications} />
      <Resource name="buildings" {...buildings} />
      <Resource name="units" {...units} />
      <Resource name="reservations" {...reservations} />
      <Resource name="leases" {...leases} />
      <Resource name="onboarding-tracks" {...onboardingTracks} />
      <Resource name="onboarding-templates" {...onboardingTemplates} />
      <Resource name="programs" {...programs} />
      <Resource name="applications" {...applications} />
      <Resource name="compute-accounts" {...computeAccounts} />
      <Resource name="targets" {...targets} />
      <Resource name="users" {...users} />
      <Resource name="api-keys" {...apiKeys} />
      <Resource name="pipelines" recordRepresentation="name" />
      <Resource name="stages" recordRepresentation="name" />
      <Resource name="contacts" recordRepresentation="name" />
      <CustomRoutes>
        <Route path="/board" element={<BoardPage />} />
        <Route path="/pool" element={<PoolPage />} />
        <Route path="/leads/import" element={<LeadImportPage />} />
        <Route path="/calendar" element={<CalendarPage />} />
        <Route path="/my-tasks" element={<MyTasksPage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/reports/:report" element={<ReportsPage />} />
        <Route path="/integrations/dead-letters" element={<DeadLetterPage />} />
      </CustomRoutes>
    </Admin>
  );
}
