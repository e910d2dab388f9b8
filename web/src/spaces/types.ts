import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type Building = Schemas['BuildingDto'];
export type Unit = Schemas['UnitDto'];
export type Occupancy = Schemas['OccupancyDto'];
export type Reservation = Schemas['ReservationDto'];
export type Hold = Schemas['ReservationListItemDto'];
export type Lease = Schemas['LeaseDto'];
export type LeaseItem = Schemas['LeaseListItemDto'];
export type UnitStatus = Unit['status'];
