import { ListGuesser, ShowGuesser } from 'react-admin';
import HandshakeIcon from '@mui/icons-material/Handshake';

export const deals = {
  list: ListGuesser,
  show: ShowGuesser,
  icon: HandshakeIcon,
  recordRepresentation: 'title',
};
export const BoardPage = () => null;
