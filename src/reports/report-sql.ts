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
 * `scope`: the pipeline's live deals that match the filters (owner, the lead's source, the
 * firm's AI segment), as the first CTE of a report's statement.
 */
export function dealScope(p: SqlParams, filters: DealFilters): string {
  const conditions = [`d.deleted_at IS NULL`, `d.pipeline_id = ${p.add(filters.pipelineId)}`];
  const joins: string[] = [];
  if (filters.ownerId) conditions.push(`d.owner_id = ${p.add(filters.ownerId)}`);
  if (filters.source) {
    joins.push('JOIN leads l ON l.id = d.lead_id');
    conditions.push(`l.source = ${p.add(filters.source)}`);
  }
  if (filters.aiSegment) {
    joins.push('JOIN companies c ON c.id = d.company_id');
    conditions.push(`c.ai_segment = ${p.add(filters.aiSegment)}`);
  }
  return `scope AS (
    SELECT ${SCOPE_COLUMNS} FROM deals d ${joins.join(' ')}
     WHERE ${conditions.join(' AND ')})`;
}

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
