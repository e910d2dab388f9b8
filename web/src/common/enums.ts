import {
  activityDtoTypeValues,
  companyDtoAiSafetyStatusValues,
  companyDtoAiSegmentValues,
  createCompanyDtoFundingStageValues,
  companyDtoListingStatusValues,
  companyDtoStatusValues,
  leadDtoSourceValues,
  leadDtoStatusValues,
  siteVisitDtoPlaceTypeValues,
  siteVisitDtoStatusValues,
  taskDtoStatusValues,
} from '../api/schema';

/** Choices for a select input: react-admin translates `crm.enums.<group>.<value>`. */
export function enumChoices(group: string, values: readonly string[]) {
  return values.map((id) => ({ id, name: `crm.enums.${group}.${id}` }));
}

// The API's enums, generated from its OpenAPI document: never written twice.
export const AI_SEGMENTS = companyDtoAiSegmentValues;
export const FUNDING_STAGES = createCompanyDtoFundingStageValues;
export const COMPANY_STATUSES = companyDtoStatusValues;
export const LISTING_STATUSES = companyDtoListingStatusValues;
export const AI_SAFETY_STATUSES = companyDtoAiSafetyStatusValues;
export const LEAD_SOURCES = leadDtoSourceValues;
export const LEAD_STATUSES = leadDtoStatusValues;
export const VISIT_STATUSES = siteVisitDtoStatusValues;
export const PLACE_TYPES = siteVisitDtoPlaceTypeValues;
export const TASK_STATUSES = taskDtoStatusValues;
export const ACTIVITY_TYPES = activityDtoTypeValues;
