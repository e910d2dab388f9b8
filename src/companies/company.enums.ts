export const AI_SEGMENTS = [
  'foundation_models',
  'ai_chips',
  'computer_vision',
  'speech_nlp',
  'robotics',
  'ai_industry',
  'data_services',
  'other',
] as const;
export type AiSegment = (typeof AI_SEGMENTS)[number];

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
] as const;
export type FundingStage = (typeof FUNDING_STAGES)[number];

export const COMPANY_STATUSES = ['prospect', 'signed', 'tenant', 'lost', 'churned'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

export const LISTING_STATUSES = ['unlisted', 'filing', 'listed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const AI_SAFETY_STATUSES = [
  'not_assessed',
  'in_progress',
  'passed',
  'failed',
  'exempt',
] as const;
export type AiSafetyStatus = (typeof AI_SAFETY_STATUSES)[number];
