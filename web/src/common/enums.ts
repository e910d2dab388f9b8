import type { Company, Lead, SiteVisit, Task } from '../api/types';

/** Choices for a select input: react-admin translates `crm.enums.<group>.<value>`. */
export function enumChoices(group: string, values: readonly string[]) {
  return values.map((id) => ({ id, name: `crm.enums.${group}.${id}` }));
}

export const AI_SEGMENTS = [
  'foundation_models',
  'ai_chips',
  'computer_vision',
  'speech_nlp',
  'robotics',
  'ai_industry',
  'data_services',
  'other',
] as const satisfies readonly Company['aiSegment'][];

export const FUNDING_STAGES = [
  'none',
  'seed',
  'angel',
  'pre_a',
  'a',
  'b',
  'c',
  'd_plus',
  'pre_ipo',
  'listed',
  'strategic',
] as const satisfies readonly NonNullable<Company['fundingStage']>[];

export const COMPANY_STATUSES = [
  'prospect',
  'signed',
  'tenant',
  'lost',
  'churned',
] as const satisfies readonly Company['status'][];
export const LISTING_STATUSES = [
  'unlisted',
  'filing',
  'listed',
] as const satisfies readonly Company['listingStatus'][];
export const AI_SAFETY_STATUSES = [
  'not_assessed',
  'in_progress',
  'passed',
  'failed',
  'exempt',
] as const satisfies readonly Company['aiSafetyStatus'][];
export const LEAD_SOURCES = [
  'zgc_referral',
  'huawei_ecosystem',
  'event',
  'inbound',
  'cold_outreach',
  'government_referral',
  'other',
] as const satisfies readonly Lead['source'][];
export const LEAD_STATUSES = [
  'new',
  'contacted',
  'qualified',
  'converted',
  'disqualified',
] as const satisfies readonly Lead['status'][];
export const VISIT_STATUSES = [
  'scheduled',
  'completed',
  'cancelled',
  'no_show',
] as const satisfies readonly SiteVisit['status'][];
export const PLACE_TYPES = [
  'computing_center',
  'building',
  'unit',
  'other',
] as const satisfies readonly SiteVisit['placeType'][];
export const TASK_STATUSES = [
  'open',
  'done',
  'cancelled',
] as const satisfies readonly Task['status'][];
export const ACTIVITY_TYPES = ['call', 'meeting', 'note', 'email', 'wechat'] as const;
