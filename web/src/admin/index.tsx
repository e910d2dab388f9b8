import PeopleIcon from '@mui/icons-material/People';
import KeyIcon from '@mui/icons-material/Key';
import { ApiKeyList } from './ApiKeyList';
import { UserCreate, UserEdit } from './UserForms';
import { UserList } from './UserList';

/** Admins' screens: users and API keys. */
export const users = {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
};
export const apiKeys = { list: ApiKeyList, icon: KeyIcon, recordRepresentation: 'name' };
