import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fieldError, ProblemException } from '../errors/problem.exception';
import { DEFAULT_LIMIT, ListQueryDto } from './list-query.dto';
import { Page, pageJson } from './page';

/**
 * A field a list may be sorted by: its SQL expression and the entity property it reads back
 * (a dotted path such as `company.name` reads a joined relation).
 */
export interface SortableField {
  column: string;
  property: string;
}

export interface ListSpec {
  /** Public sort name → column. Sort columns must be NOT NULL so that keyset comparisons hold. */
  sortable: Record<string, SortableField>;
  defaultSort: string;
  /** Unique tie-breaker, e.g. `user.id`. */
  idColumn: string;
}

interface SortTerm {
  name: string;
  column: string;
  property: string;
  descending: boolean;
}

type CursorValue = string | number | boolean;

export function parseSort(sort: string, spec: ListSpec): SortTerm[] {
  const names = sort
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const terms = names.map((raw) => {
    const descending = raw.startsWith('-');
    const name = descending ? raw.slice(1) : raw;
    const field = spec.sortable[name];
    if (!field || !Object.prototype.hasOwnProperty.call(spec.sortable, name)) {
      throw new ProblemException(
        'INVALID_SORT',
        `Cannot sort by "${name}"; sortable fields: ${Object.keys(spec.sortable).join(', ')}`,
        { errors: [fieldError('sort', 'not_sortable', `"${name}" is not sortable`)] },
      );
    }
    return { name, column: field.column, property: field.property, descending };
  });
  if (terms.length === 0 || new Set(terms.map((term) => term.name)).size !== terms.length) {
    throw new ProblemException('INVALID_SORT', 'The sort must name each field once', {
      errors: [fieldError('sort', 'sort_repeated', 'must name each field once')],
    });
  }
  return terms;
}

const signatureOf = (terms: SortTerm[]) =>
  terms.map((t) => (t.descending ? `-${t.name}` : t.name)).join(',');

export function encodeCursor(signature: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: signature, v: values })).toString('base64url');
}

export function decodeCursor(cursor: string, signature: string, length: number): CursorValue[] {
  const invalid = (why: string) =>
    new ProblemException('INVALID_CURSOR', `The cursor ${why}; start again from the first page`, {
      errors: [fieldError('cursor', 'invalid_cursor', why)],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('is not a cursor this API issued');
  }
  const { s, v } = (parsed ?? {}) as { s?: unknown; v?: unknown };
  if (
    !Array.isArray(v) ||
    typeof s !== 'string' ||
    v.length !== length ||
    !v.every((x) => ['string', 'number', 'boolean'].includes(typeof x))
  ) {
    throw invalid('is not a cursor this API issued');
  }
  if (s !== signature) throw invalid('belongs to another sort order');
  return v as CursorValue[];
}

const propertyOf = (row: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], row);

const cursorValue = (value: unknown): CursorValue => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  throw new Error(`Cannot put ${typeof value} in a cursor: sort columns must be NOT NULL scalars`);
};

/** Rows strictly after `values` in the given order (a row comparison when all directions agree). */
function applyKeyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  terms: SortTerm[],
  values: CursorValue[],
): void {
  const params = Object.fromEntries(values.map((value, i) => [`keyset${i}`, value]));
  const sameDirection = terms.every((term) => term.descending === terms[0].descending);
  if (sameDirection) {
    const op = terms[0].descending ? '<' : '>';
    const columns = terms.map((term) => term.column).join(', ');
    const placeholders = values.map((_, i) => `:keyset${i}`).join(', ');
    qb.andWhere(`(${columns}) ${op} (${placeholders})`, params);
    return;
  }
  qb.andWhere(
    new Brackets((or) => {
      terms.forEach((term, i) => {
        const equalities = terms.slice(0, i).map((prior, j) => `${prior.column} = :keyset${j}`);
        const clause = [
          ...equalities,
          `${term.column} ${term.descending ? '<' : '>'} :keyset${i}`,
        ].join(' AND ');
        or.orWhere(`(${clause})`, params);
      });
    }),
  );
}

interface PagePlan {
  limit: number;
  terms: SortTerm[];
  signature: string;
  total?: number;
}

/**
 * Counts the matches if asked, then narrows `qb` to the rows after the cursor, in the list's
 * order, one more than the page (to tell whether another page follows).
 */
async function planPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto,
  spec: ListSpec,
): Promise<PagePlan> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const sortTerms = parseSort(query.sort ?? spec.defaultSort, spec);
  const terms: SortTerm[] = [
    ...sortTerms,
    {
      name: 'id',
      column: spec.idColumn,
      property: 'id',
      descending: sortTerms[sortTerms.length - 1].descending,
    },
  ];
  const signature = signatureOf(sortTerms);
  const total = query.withTotal ? await qb.clone().getCount() : undefined;
  if (query.cursor) applyKeyset(qb, terms, decodeCursor(query.cursor, signature, terms.length));
  terms.forEach((term, i) => {
    const direction = term.descending ? 'DESC' : 'ASC';
    if (i === 0) qb.orderBy(term.column, direction);
    else qb.addOrderBy(term.column, direction);
  });
  qb.limit(limit + 1);
  return { limit, terms, signature, total };
}

const nextCursorOf = (plan: PagePlan, fetched: number, lastValues: () => unknown[]) =>
  fetched > plan.limit ? encodeCursor(plan.signature, lastValues().map(cursorValue)) : null;

/** Keyset pagination over a query builder that already holds the list's filters. */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto,
  spec: ListSpec,
): Promise<Page<T>> {
  const plan = await planPage(qb, query, spec);
  const rows = await qb.getMany();
  const data = rows.slice(0, plan.limit);
  const nextCursor = nextCursorOf(plan, rows.length, () =>
    plan.terms.map((term) => propertyOf(data[data.length - 1], term.property)),
  );
  return plan.total === undefined ? { data, nextCursor } : { data, nextCursor, total: plan.total };
}

/**
 * The same page as `paginate`, as the JSON text of `{ data, nextCursor, total? }`, each record
 * built by PostgreSQL from `recordJson` (SQL of a `json` value over the query's aliases). For the
 * lists read most, whose records Node would otherwise hydrate into entities, map to DTOs and
 * serialise again: the database writes the JSON as it reads the rows. `recordJson` must give
 * what the record's DTO gives (its e2e test compares the two).
 */
export async function paginateJson<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto,
  spec: ListSpec,
  recordJson: string,
): Promise<string> {
  const plan = await planPage(qb, query, spec);
  qb.select(`(${recordJson})::text`, 'record');
  plan.terms.forEach((term, i) => qb.addSelect(term.column, `keyset${i}`));
  const rows = await qb.getRawMany<Record<string, unknown> & { record: string }>();
  const data = rows.slice(0, plan.limit);
  const nextCursor = nextCursorOf(plan, rows.length, () =>
    plan.terms.map((_, i) => data[data.length - 1][`keyset${i}`]),
  );
  return pageJson(
    data.map((row) => row.record),
    nextCursor,
    plan.total,
  );
}
