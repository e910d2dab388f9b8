import PeopleIcon from '@mui/icons-material/People';
import KeyIcon from '@mui/icons-material/Key';

/** Admins' screens: users and API keys. */
export const users = { icon: PeopleIcon, recordRepresentation: 'displayName' };
export const apiKeys = { icon: KeyIcon, recordRepresentation: 'name' };
