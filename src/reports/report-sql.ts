import type { AiSegment } from '../companies/company.enums';
import type { LeadSource } from '../leads/lead.enums';

/** Positional parameters of one statement, added as the SQL is written (none left unused). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

export interface DealFilters {
  pipelineId: string;
  ownerId?: string;
  source?: LeadSource;
  aiSegment?: AiSegment;
}

/**
 * The joins and conditions that pick a deal `d` for the filters: live, of the pipeline, and of
 * the owner, the lead's source and the firm's AI segment asked for. Written into the statement
 * that reads the deals' history, visits or leads, so that the planner can start from whichever
 * side the filters make small (an owner's deals by idx_deals_owner, a month's moves by date).
 * The lead and the firm it joins are `dl` and `dc`.
 */
export function dealFilter(p: SqlParams, filters: DealFilters): { joins: string; where: string } {
  const conditions = [`d.deleted_at IS NULL`, `d.pipeline_id = ${p.add(filters.pipelineId)}`];
  const joins: string[] = [];
  if (filters.ownerId) conditions.push(`d.owner_id = ${p.add(filters.ownerId)}`);
  if (filters.source) {
    joins.push('JOIN leads dl ON dl.id = d.lead_id');
    conditions.push(`dl.source = ${p.add(filters.source)}`);
  }
  if (filters.aiSegment) {
    joins.push('JOIN companies dc ON dc.id = d.company_id');
    conditions.push(`dc.ai_segment = ${p.add(filters.aiSegment)}`);
  }
  return { joins: joins.join(' '), where: conditions.join(' AND ') };
}

/**
 * `scope`: the pipeline's live deals that match the filters (owner, the lead's source, the
 * firm's AI segment), as the first CTE of a report's statement.
 */
export function dealScope(p: SqlParams, filters: DealFilters): string {
  const { joins, where } = dealFilter(p, filters);
  return `scope AS (
    SELECT ${SCOPE_COLUMNS} FROM deals d ${joins}
     WHERE ${where})`;
}

/**
 * The ids of a pipeline's stages, retired ones included: `h.to_stage_id = ANY (…)` with a
 * period on `h.moved_at` reads the period's moves from idx_deal_stage_history_to in one bitmap
 * (or the history whole for a long period). A deal moves only between its own pipeline's stages
 * (DealsService.move), so these are exactly the moves of the pipeline's deals.
 */
export const pipelineStageIds = (pipeline: string) =>
  `ARRAY(SELECT id FROM stages WHERE pipeline_id = ${pipeline})`;

// The deal columns reports read: a scope referenced twice is materialised, so keep it narrow.
const SCOPE_COLUMNS = [
  'id',
  'company_id',
  'lead_id',
  'owner_id',
  'stage_id',
  'created_at',
  'stage_entered_at',
  'closed_at',
  'target_move_in_date',
  'expected_investment',
  'expected_area',
  'expected_compute_card_hours',
]
  .map((column) => `d.${column}`)
  .join(', ');

/** Days between two timestamps, as a decimal. */
export const days = (later: string, earlier: string) =>
  `extract(epoch FROM (${later} - ${earlier})) / 86400.0`;
