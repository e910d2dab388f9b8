import ApartmentIcon from '@mui/icons-material/Apartment';
import { BuildingCreate, BuildingEdit, BuildingList, BuildingShow } from './BuildingPages';
import { HoldList, LeaseList } from './HoldLeasePages';
import { UnitCreate, UnitEdit, UnitList, UnitShow } from './UnitPages';

export { DealSpaces } from './DealSpaces';

/** Buildings, units (the occupancy grid), holds and leases. */
export const buildings = {
  list: BuildingList,
  show: BuildingShow,
  create: BuildingCreate,
  edit: BuildingEdit,
  icon: ApartmentIcon,
  recordRepresentation: 'name',
};
export const units = {
  list: UnitList,
  show: UnitShow,
  create: UnitCreate,
  edit: UnitEdit,
  recordRepresentation: 'code',
};
export const reservations = { list: HoldList };
export const leases = { list: LeaseList };
