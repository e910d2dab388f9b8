export const LEAD_SOURCES = [
  'zgc_referral',
  'huawei_ecosystem',
  'event',
  'inbound',
  'cold_outreach',
  'government_referral',
  'other',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_STATUSES = [
  'new',
  'contacted',
  'qualified',
  'converted',
  'disqualified',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Statuses in which a lead is still being worked (and so owns its firm for conflict checks). */
export const ACTIVE_LEAD_STATUSES: readonly LeadStatus[] = ['new', 'contacted', 'qualified'];

/** The moves a PATCH may make; `converted` only through POST leads/:id/convert. */
export const LEAD_TRANSITIONS: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'qualified', 'disqualified'],
  contacted: ['qualified', 'disqualified'],
  qualified: ['disqualified'],
  converted: [],
  disqualified: [],
};
