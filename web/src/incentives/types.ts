import { applicationDtoStatusValues, programDtoKindValues, type components } from '../api/schema';

type Schemas = components['schemas'];

/** The support-measure shapes of the API, generated from its OpenAPI document. */
export type Program = Schemas['ProgramDto'];
export type Fund = Schemas['FundDto'];
export type Application = Schemas['ApplicationDto'];
export type CompanySupport = Schemas['CompanySupportDto'];
export type ProgramSupport = Schemas['ProgramSupportDto'];
export type ApplicationStatus = Application['status'];

export const PROGRAM_KINDS = programDtoKindValues;
export const APPLICATION_STATUSES = applicationDtoStatusValues;
