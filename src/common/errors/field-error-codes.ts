/**
 * The keys of field errors raised by the API's own rules, beside class-validator's constraint
 * names (`isEmail`, `maxLength`, `whitelistValidation`, …) that the validation pipe gives. Clients
 * (the web admin's translations included) key on them; a key is never renamed once shipped.
 */
export const FIELD_ERROR_CODES = [
  // input as such
  'invalid_unicode',
  'too_many_keys',
  'too_many_items',
  'too_deep',
  'must_be_string',
  'one_of_company_or_id',
  'company_or_deal_required',
  // companies
  'credit_code_length',
  'credit_code_characters',
  'credit_code_check',
  // records referred to
  'already_taken',
  'not_found',
  'inactive_user',
  'not_the_deals_company',
  'stage_of_other_pipeline',
  'place_required',
  'unknown_gate',
  'required',
  // times and ranges
  'must_be_future',
  'end_before_start',
  'visit_too_long',
  'hold_too_long',
  'period_combination',
  'invalid_date',
  // bookings
  'host_booked',
  'place_booked',
  'unit_leased',
  'unit_held',
  'unit_overlap',
  'overlap',
  // money
  'exceeds_fund',
  'below_approved_total',
  'approved_out_of_range',
  'above_approved',
  // lists
  'not_sortable',
  'sort_repeated',
  'invalid_cursor',
  // accounts and leads
  'weak_password',
  'reason_required',
  'reason_kept',
  'reason_only_when_disqualified',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
