import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/pagination/keyset';
import { DEFAULT_LIMIT } from '../common/pagination/list-query.dto';
import { pageJson } from '../common/pagination/page';
import { isoTimestamp, jsonObject } from '../common/sql/json';

export const TIMELINE_ENTITY_TYPES = ['company', 'deal', 'lead'] as const;
export type TimelineEntityType = (typeof TIMELINE_ENTITY_TYPES)[number];

/**
 * A source of timeline items: SQL selecting `(at, id, kind, data)` for the record `$1`, or null
 * when it has nothing for that type. Modules register theirs (site visits register visits).
 */
export type TimelineSource = (entityType: TimelineEntityType) => string | null;

const AUDIT_TYPES: Record<TimelineEntityType, string> = {
  company: 'Company',
  deal: 'Deal',
  lead: 'Lead',
};
const DEALS_OF: Record<TimelineEntityType, string> = {
  company: 'SELECT id FROM deals WHERE company_id = $1',
  deal: 'SELECT $1::uuid',
  lead: 'SELECT id FROM deals WHERE lead_id = $1',
};

@Injectable()
export class TimelineService {
  private readonly sources: TimelineSource[] = [
    (type) =>
      type === 'lead'
        ? null
        : `SELECT a.occurred_at AS at, a.id, 'activity' AS kind,
                  jsonb_build_object('type', a.type, 'subject', a.subject, 'body', a.body, 'authorId', a.author_id, 'dealId', a.deal_id) AS data
             FROM activities a WHERE a.deleted_at IS NULL AND ${type === 'company' ? 'a.company_id = $1' : 'a.deal_id = $1'}`,
    (type) =>
      `SELECT h.moved_at AS at, h.id, 'stage_move' AS kind,
              jsonb_build_object('dealId', h.deal_id, 'fromStageId', h.from_stage_id, 'fromStage', f.name, 'toStageId', h.to_stage_id,
                                 'toStage', t.name, 'toStageEn', t.name_en, 'movedById', h.moved_by_id) AS data
         FROM deal_stage_history h JOIN stages t ON t.id = h.to_stage_id LEFT JOIN stages f ON f.id = h.from_stage_id
        WHERE h.deal_id IN (${DEALS_OF[type]})`,
    (type) =>
      `SELECT e.created_at AS at, e.id, 'audit' AS kind,
              jsonb_build_object('action', e.action, 'actorId', e.actor_id, 'changes', e.changes, 'reason', e.reason) AS data
         FROM audit_log e WHERE e.entity_type = '${AUDIT_TYPES[type]}' AND e.entity_id = $1
          -- a deal's moves are told by its stage history
          AND e.action <> 'move'`,
  ];

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  register(source: TimelineSource): void {
    this.sources.push(source);
  }

  /** Deals of a record, as SQL on `$1`, for sources that hang off deals. */
  static dealsOf(type: TimelineEntityType): string {
    return DEALS_OF[type];
  }

  /**
   * Everything that happened to a record, newest first, keyset-paginated over all sources at once,
   * as the JSON text of a page of TimelineItemDto (written by PostgreSQL, as the deal list is).
   */
  async list(
    type: TimelineEntityType,
    id: string,
    limit = DEFAULT_LIMIT,
    cursor?: string,
  ): Promise<string> {
    const parts = this.sources
      .map((source) => source(type))
      .filter((sql): sql is string => sql !== null);
    const after = cursor ? decodeCursor(cursor, 'timeline', 2) : null;
    // Each source is cut to the page before the union, so no source is read past what one page needs.
    const branch = (sql: string) =>
      `(SELECT * FROM (${sql}) source WHERE $2::timestamptz IS NULL OR (at, id) < ($2::timestamptz, $3::uuid)
         ORDER BY at DESC, id DESC LIMIT $4)`;
    const item = jsonObject({ at: isoTimestamp('at'), id: 'id', kind: 'kind', data: 'data' });
    const rows = await this.txHost.tx.query<{ item: string; at: Date; id: string }[]>(
      `SELECT ${item}::text AS item, at, id FROM (${parts.map(branch).join('\nUNION ALL\n')}) items
        ORDER BY at DESC, id DESC LIMIT $4`,
      [id, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return pageJson(
      data.map((row) => row.item),
      rows.length > limit && last
        ? encodeCursor('timeline', [last.at.toISOString(), last.id])
        : null,
    );
  }
}
