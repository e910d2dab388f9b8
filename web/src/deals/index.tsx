import HandshakeIcon from '@mui/icons-material/Handshake';
import { DealCreate, DealEdit } from './DealForms';
import { DealList } from './DealList';
import { DealShow } from './DealShow';

export { BoardPage } from './BoardPage';

export const deals = {
  list: DealList,
  show: DealShow,
  edit: DealEdit,
  create: DealCreate,
  icon: HandshakeIcon,
  recordRepresentation: 'title',
};
