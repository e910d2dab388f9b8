import ChecklistIcon from '@mui/icons-material/Checklist';
import { TaskList } from './TaskList';

export { MyTasksPage } from './MyTasksPage';

export const tasks = { list: TaskList, icon: ChecklistIcon, recordRepresentation: 'title' };
