import type { Pool } from 'pg';

/** The parts of an OpenAPI 3 document the hostile-input tests read. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface ApiOperation {
  /** `POST /api/v1/companies/{id}/merge` */
  name: string;
  method: string;
  /** The OpenAPI path, with `{param}` placeholders. */
  path: string;
  pathParams: string[];
  query: { name: string; schema: SchemaObject; required: boolean }[];
  /** The JSON body's schema ($refs resolved at the top), when the route takes JSON. */
  jsonBody?: SchemaObject;
  contentTypes: string[];
  ifMatch: boolean;
  idempotent: boolean;
}

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Every operation of the document, in document order. */
export function apiOperations(doc: OpenApiDocument): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      operations.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
        query: parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => ({
            name: parameter.name,
            schema: resolveSchema(doc, parameter.schema ?? {}),
            required: parameter.required ?? false,
          })),
        jsonBody: jsonSchema ? resolveSchema(doc, jsonSchema) : undefined,
        contentTypes: Object.keys(content),
        ifMatch: parameters.some(
          (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'if-match',
        ),
        idempotent: parameters.some(
          (parameter) =>
            parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key',
        ),
      });
    }
  }
  return operations;
}

/** Follows `$ref`s and merges `allOf` (one level is all @nestjs/swagger emits for DTOs). */
export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return resolveSchema(doc, target);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolveSchema(doc, part));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      required: parts.flatMap((part) => part.required ?? []),
    };
  }
  const properties = schema.properties
    ? Object.fromEntries(
        Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(doc, value)]),
      )
    : undefined;
  const items = schema.items ? resolveSchema(doc, schema.items) : undefined;
  return { ...schema, ...(properties ? { properties } : {}), ...(items ? { items } : {}) };
}

/** A list route: a GET with a page's `limit`/`cursor`, or any GET taking query parameters. */
export const isQueryRoute = (operation: ApiOperation) =>
  operation.method === 'GET' && operation.query.length > 0;

const snake = (name: string) => name.replace(/-/g, '_');

/** Where a path segment's records live, when it is not the segment in snake_case. */
const SEGMENT_TABLE: Record<string, string> = {
  outbox: 'compute_intents',
  revenues: 'company_revenues',
  'onboarding-tracks/tasks': 'onboarding_tasks',
};

/** The table a `{param}` of a path names, read from the literal segment before it. */
function tableForParam(path: string, param: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  const index = segments.indexOf(`{${param}}`);
  const previous = segments[index - 1];
  if (!previous || previous.startsWith('{')) return undefined;
  const parent = segments[index - 3];
  return SEGMENT_TABLE[`${parent}/${previous}`] ?? SEGMENT_TABLE[previous] ?? snake(previous);
}

/** A uuid column's table, from a body or query field's name (`companyId` → companies). */
export function tableForField(field: string, tables: Set<string>): string | undefined {
  const base = field.replace(/Ids?$/, '');
  if (!base || base === field) return undefined;
  const snakeBase = base.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  for (const candidate of [`${snakeBase}s`, `${snakeBase}es`, snakeBase]) {
    if (tables.has(candidate)) return candidate;
  }
  if (['owner', 'assignee', 'host', 'actor', 'user', 'approver'].includes(base)) return 'users';
  return undefined;
}

export interface Fixture {
  /** The path with every parameter filled with a real record's id. */
  url: string;
  /** The version of the record the route changes (its last parameter), for If-Match. */
  version?: number;
}

/**
 * The database's metadata the fixtures need: its tables, their columns and their foreign keys.
 */
export class DatabaseFixtures {
  private constructor(
    private readonly db: Pool,
    readonly tables: Set<string>,
    private readonly columns: Map<string, Set<string>>,
    private readonly foreignKeys: { table: string; column: string; references: string }[],
  ) {}

  static async load(db: Pool): Promise<DatabaseFixtures> {
    const { rows: columnRows } = await db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    const columns = new Map<string, Set<string>>();
    for (const row of columnRows) {
      if (!columns.has(row.table_name)) columns.set(row.table_name, new Set());
      columns.get(row.table_name)!.add(row.column_name);
    }
    const { rows: foreignKeys } = await db.query<{
      table: string;
      column: string;
      references: string;
    }>(
      `SELECT cl.relname AS "table", a.attname AS "column", ref.relname AS "references"
         FROM pg_constraint con
         JOIN pg_class cl ON cl.oid = con.conrelid
         JOIN pg_class ref ON ref.oid = con.confrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
        WHERE con.contype = 'f' AND array_length(con.conkey, 1) = 1`,
    );
    return new DatabaseFixtures(db, new Set(columns.keys()), columns, foreignKeys);
  }

  /** Tables of the app (the migrations' bookkeeping excluded). */
  get appTables(): string[] {
    return [...this.tables].filter((table) => !/migrations/.test(table)).sort();
  }

  private live(table: string) {
    return this.columns.get(table)?.has('deleted_at') ? 'deleted_at IS NULL' : 'true';
  }

  /** A random id of a live record of a table (none: a random uuid, so the route answers 404). */
  async anyId(table: string | undefined, exclude: string[] = []): Promise<string> {
    if (!table || !this.columns.get(table)?.has('id')) return crypto.randomUUID();
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE ${this.live(table)} AND NOT (id::text = ANY($1))
        ORDER BY random() LIMIT 1`,
      [exclude],
    );
    return rows[0]?.id ?? crypto.randomUUID();
  }

  /**
   * Fills a path's parameters with ids of real records, a child's parents from its foreign keys
   * (`/companies/{id}/revenues/{revenueId}`: a revenue and the company it belongs to).
   */
  async fixture(path: string, exclude: string[] = []): Promise<Fixture> {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    const values = new Map<string, string>();
    let version: number | undefined;
    const last = params[params.length - 1];
    let child: { table: string; id: string } | undefined;
    for (const param of [...params].reverse()) {
      const table = tableForParam(path, param);
      if (param === 'entityType') {
        values.set(param, 'company');
        continue;
      }
      let id: string | undefined;
      if (child && table) {
        const fk = this.foreignKeys.find(
          (key) => key.table === child!.table && key.references === table,
        );
        if (fk) {
          const { rows } = await this.db.query<{ id: string }>(
            `SELECT ${fk.column}::text AS id FROM ${child.table} WHERE id = $1`,
            [child.id],
          );
          id = rows[0]?.id;
        }
      }
      id ??= path.startsWith('/api/v1/timeline/')
        ? await this.anyId('companies')
        : await this.anyId(table, exclude);
      values.set(param, id);
      if (param === last && table && this.columns.get(table)?.has('version')) {
        const { rows } = await this.db.query<{ version: number }>(
          `SELECT version FROM ${table} WHERE id = $1`,
          [id],
        );
        version = rows[0]?.version;
      }
      if (table && this.tables.has(table)) child = { table, id };
    }
    const url = path.replace(/\{(\w+)\}/g, (_, param: string) => values.get(param)!);
    return { url, version };
  }

  /**
   * A fingerprint of every app table: its row count and a sum of its rows' hashes, so that an
   * insert, a delete or an update anywhere shows.
   */
  async snapshot(tables = this.appTables): Promise<Map<string, string>> {
    const sql = tables
      .map(
        (table) =>
          `SELECT '${table}' AS t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text AS f FROM ${table} x`,
      )
      .join(' UNION ALL ');
    const { rows } = await this.db.query<{ t: string; f: string }>(sql);
    return new Map(rows.map((row) => [row.t, row.f]));
  }
}

/** The tables whose fingerprint differs between two snapshots. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}
