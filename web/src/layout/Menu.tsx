import { Menu, useCanAccess, useTranslate } from 'react-admin';
import { ListSubheader } from '@mui/material';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import PublicIcon from '@mui/icons-material/Public';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import EventIcon from '@mui/icons-material/Event';
import ChecklistIcon from '@mui/icons-material/Checklist';
import AssessmentIcon from '@mui/icons-material/Assessment';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';

/** A titled separator between groups of the menu (a menu may hold only items and separators). */
function Section({ label }: { label: string }) {
  const translate = useTranslate();
  return (
    <ListSubheader
      component="li"
      role="separator"
      aria-label={translate(label)}
      disableSticky
      sx={{
        bgcolor: 'transparent',
        lineHeight: '36px',
        mt: 1,
        borderTop: 1,
        borderColor: 'divider',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      {translate(label)}
    </ListSubheader>
  );
}

/** The side menu: the daily-work screens, the park's offers, the reports and the admins' screens. */
export function CrmMenu() {
  const { canAccess: canImport } = useCanAccess({ action: 'import', resource: 'leads' });
  const { canAccess: canReadReports } = useCanAccess({ action: 'read', resource: 'Report' });
  const { canAccess: isAdmin } = useCanAccess({ action: 'manage', resource: 'all' });
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.Item to="/board" primaryText="crm.menu.board" leftIcon={<ViewKanbanIcon />} />
      <Menu.ResourceItem name="deals" />
      <Menu.ResourceItem name="companies" />
      <Menu.ResourceItem name="leads" />
      <Menu.Item to="/pool" primaryText="crm.menu.pool" leftIcon={<PublicIcon />} />
      <Menu.ResourceItem name="lead-conflicts" />
      {canImport ? (
        <Menu.Item to="/leads/import" primaryText="crm.menu.import" leftIcon={<UploadFileIcon />} />
      ) : null}
      <Menu.Item to="/calendar" primaryText="crm.menu.visits" leftIcon={<EventIcon />} />
      <Menu.Item to="/my-tasks" primaryText="crm.menu.tasks" leftIcon={<ChecklistIcon />} />
      <Section label="crm.menu.parkOffers" />
      <Menu.ResourceItem name="buildings" />
      <Menu.ResourceItem name="onboarding-tracks" />
      <Menu.ResourceItem name="programs" />
      <Menu.ResourceItem name="applications" />
      <Menu.ResourceItem name="compute-accounts" />
      {canReadReports ? (
        <>
          <Section label="crm.menu.analysis" />
          <Menu.Item to="/reports" primaryText="crm.menu.reports" leftIcon={<AssessmentIcon />} />
          <Menu.ResourceItem name="targets" />
        </>
      ) : null}
      {isAdmin ? (
        <>
          <Section label="crm.menu.administration" />
          <Menu.ResourceItem name="users" />
          <Menu.ResourceItem name="api-keys" />
          <Menu.Item
            to="/integrations/dead-letters"
            primaryText="crm.menu.deadLetters"
            leftIcon={<ReportProblemIcon />}
          />
        </>
      ) : null}
    </Menu>
  );
}
