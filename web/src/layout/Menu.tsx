import { Menu, useCanAccess } from 'react-admin';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import PublicIcon from '@mui/icons-material/Public';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import EventIcon from '@mui/icons-material/Event';
import ChecklistIcon from '@mui/icons-material/Checklist';

/** The side menu: resources the user may read, and the daily-work screens. */
export function CrmMenu() {
  const { canAccess: canImport } = useCanAccess({ action: 'import', resource: 'leads' });
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
    </Menu>
  );
}
