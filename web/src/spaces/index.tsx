import ApartmentIcon from '@mui/icons-material/Apartment';

/** Buildings, units (the occupancy grid), holds and leases. */
export const buildings = { icon: ApartmentIcon, recordRepresentation: 'name' };
export const units = { recordRepresentation: 'code' };
export const reservations = {};
export const leases = {};
