import fc from 'fast-check';
import type { SchemaObject } from './openapi-routes';

/** JSON text placed as is in a generated body (`-0`, `1e400`: numbers JSON.stringify cannot write). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Like JSON.stringify, with RawJson values written verbatim. */
export function serialize(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner instanceof RawJson) {
      raws.push(inner.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return inner;
  });
  return (text ?? 'null').replace(/"\\u0001raw(\d+)\\u0001"/g, (_, index: string) => raws[+index]);
}

export const SQL_FRAGMENTS = [
  "'; DROP TABLE companies; --",
  "' OR 1=1 --",
  "1' OR '1'='1",
  '1; SELECT pg_sleep(5)',
  "name'); DELETE FROM users; --",
  '" OR ""="',
  '%_%',
  '\\',
  '$1',
  'id DESC; DROP TABLE deals',
];

const LONG = 'x'.repeat(10_000);
const LONG_CJK = '测'.repeat(10_000);

/** Values that break naive code: edge numbers, injection, NULs, surrogates, huge strings. */
export const HOSTILE_CONSTANTS: unknown[] = [
  ...SQL_FRAGMENTS,
  1e308,
  -1e308,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  new RawJson('-0'),
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1e-400'),
  new RawJson('123456789012345678901234567890'),
  0.1,
  -1,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '9223372036854775808',
  '-9223372036854775809',
  '99999999999999999999.99',
  '0x10',
  ' 1 ',
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\u202e\u0000\ufeff',
  LONG,
  LONG_CJK,
  '2024-13-45',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  null,
  true,
  false,
  0,
  [],
  {},
  [null],
  [LONG],
  { $gt: '' },
  { toString: 'x', valueOf: 1 },
  { constructor: { prototype: { isAdmin: true } } },
];

/** One hostile JSON value: a fixed nasty one or a generated one of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.bigInt().map((value) => new RawJson(value.toString())) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...SQL_FRAGMENTS), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join(' ')),
  },
);

/** A value the schema accepts, so that the mutations reach past validation into the service. */
export function plausibleValue(
  schema: SchemaObject,
  uuidFor: (field: string) => string,
  field = '',
): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  switch (schema.type) {
    case 'number':
    case 'integer':
      return schema.minimum !== undefined ? Math.max(schema.minimum, 1) : 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [plausibleValue(schema.items, uuidFor, field)] : [];
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [
          key,
          plausibleValue(value, uuidFor, key),
        ]),
      );
    default:
      break;
  }
  if (schema.format === 'uuid') return uuidFor(field);
  if (schema.format === 'date') return '2027-03-01';
  if (schema.format === 'date-time') return '2027-03-01T10:00:00+08:00';
  if (schema.format === 'email') return `hostile-${Math.random().toString(36).slice(2)}@demo.park`;
  const minimum = schema.minLength ?? 1;
  return 'h'.repeat(Math.max(minimum, 3));
}

/** Fields that only the server sets: a body naming them must be refused or ignored. */
const SERVER_FIELDS = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'ownerId',
  'createdById',
  'role',
  'isAdmin',
  'tenantId',
  'passwordHash',
];

/**
 * Generated bodies for a route whose JSON body follows `schema`, from a plausible `base`:
 * hostile values in one or several fields, missing required fields, server-only or unknown
 * fields, hostile items in arrays, or a body that is not an object at all.
 */
export function hostileBody(schema: SchemaObject, base: Record<string, unknown>) {
  const properties = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const fields = properties.length ? properties : ['name'];
  const field = fc.constantFrom(...fields);
  const arbitraries: fc.Arbitrary<unknown>[] = [
    fc.tuple(field, hostileValue).map(([key, value]) => ({ ...base, [key]: value })),
    fc
      .dictionary(field, hostileValue, { minKeys: 1, maxKeys: Math.min(4, fields.length) })
      .map((values) => ({ ...base, ...values })),
    fc
      .tuple(fc.constantFrom(...SERVER_FIELDS), hostileValue)
      .map(([key, value]) => ({ ...base, [key]: value })),
    fc
      .tuple(field, fc.array(hostileValue, { maxLength: 3 }))
      .map(([key, items]) => ({ ...base, [key]: items })),
    fc.tuple(field, hostileValue).map(([key, value]) => ({ ...base, [key]: { [key]: value } })),
    fc.oneof(
      hostileValue,
      fc.constant([base]),
      fc.constant([]),
      fc.constant(null),
      fc.constant('body'),
      fc.constant(42),
    ),
  ];
  if (required.length) {
    arbitraries.push(
      fc
        .subarray(required, { minLength: 1 })
        .map((missing) =>
          Object.fromEntries(Object.entries(base).filter(([key]) => !missing.includes(key))),
        ),
    );
  }
  return fc.oneof(...arbitraries);
}

/** Deep nesting: `depth` arrays or objects inside one another. */
export function deeplyNested(depth: number, kind: 'array' | 'object', field = 'a'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${`{"${field}":`.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A malformed request body, with the content type to send it as (default application/json). */
export interface MalformedBody {
  name: string;
  body: string | Buffer;
  contentType?: string;
}

/** `{"field": raw, ...base without field}` as JSON text. */
function bodyWithField(base: Record<string, unknown>, field: string, raw: string): string {
  const rest = serialize(Object.fromEntries(Object.entries(base).filter(([key]) => key !== field)));
  return rest === '{}' ? `{"${field}":${raw}}` : `{"${field}":${raw},${rest.slice(1)}`;
}

/**
 * Bodies whose handling depends on the route's DTO and service: not an object, prototype keys,
 * NULs and broken Unicode in a field, deep nesting, a number too long for any type.
 */
export function malformedShapes(base: Record<string, unknown>, field: string): MalformedBody[] {
  const json = serialize(base);
  const withField = (raw: string) => bodyWithField(base, field, raw);
  return [
    { name: 'truncated JSON', body: json.slice(0, Math.max(1, json.length - 2)) },
    { name: 'null', body: 'null' },
    { name: 'top-level array', body: `[${json}]` },
    { name: 'top-level string', body: '"body"' },
    { name: '__proto__ key', body: bodyWithField(base, '__proto__', '{"isAdmin":true}') },
    {
      name: 'constructor.prototype key',
      body: bodyWithField(base, 'constructor', '{"prototype":{"isAdmin":true}}'),
    },
    { name: 'nested __proto__', body: withField('{"__proto__":{"polluted":1}}') },
    { name: 'escaped lone surrogate', body: withField('"\\ud800x"') },
    { name: 'escaped NUL', body: withField('"a\\u0000b"') },
    {
      name: 'invalid UTF-8 bytes',
      body: Buffer.concat([
        Buffer.from(`{"${field}":"`),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
        Buffer.from(`"${withField('1').replace(/^\{"[^"]*":1/, '')}`),
      ]),
    },
    { name: 'deep arrays (10k)', body: withField(deeplyNested(10_000, 'array')) },
    { name: 'deep objects (10k)', body: withField(deeplyNested(10_000, 'object', field)) },
    { name: 'huge number literal', body: withField('1'.repeat(5000)) },
  ];
}

/**
 * Bodies the HTTP layer must refuse before any route sees them: broken JSON syntax, other media
 * types and encodings, bodies too deep or too wide.
 */
export function malformedTransport(base: Record<string, unknown>, field: string): MalformedBody[] {
  const json = serialize(base);
  return [
    { name: 'trailing garbage', body: `${json}xyz` },
    { name: 'two documents', body: `${json}${json}` },
    { name: 'single quotes', body: json.replace(/"/g, "'") },
    { name: 'NaN literal', body: bodyWithField(base, field, 'NaN') },
    { name: 'comment', body: `/* x */${json}` },
    { name: 'empty body', body: '' },
    { name: 'whitespace body', body: '   ' },
    {
      name: 'duplicate keys',
      body: bodyWithField(base, field, '"first"').replace('{', `{"${field}":"second",`),
    },
    {
      name: 'UTF-8 BOM',
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
    },
    {
      name: 'UTF-16 body',
      body: Buffer.from(json, 'utf16le'),
      contentType: 'application/json; charset=utf-16',
    },
    { name: 'deep top-level (10k)', body: deeplyNested(10_000, 'object', field) },
    {
      name: 'wide object (20k keys)',
      body: `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
    },
    { name: 'text/plain', body: json, contentType: 'text/plain' },
    { name: 'form', body: `${field}=x`, contentType: 'application/x-www-form-urlencoded' },
    { name: 'xml', body: '<a/>', contentType: 'application/xml' },
    { name: 'no content type', body: json, contentType: '' },
    { name: 'bogus content type', body: json, contentType: 'application/json;;;charset=' },
    { name: 'json with odd charset', body: json, contentType: 'application/json; charset=latin1' },
    { name: 'vendor +json', body: json, contentType: 'application/vnd.evil+json' },
    {
      name: 'multipart junk',
      body: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--\r\n',
      contentType: 'multipart/form-data; boundary=b',
    },
    { name: 'csv to a JSON route', body: 'a,b\n1,2\n', contentType: 'text/csv' },
  ];
}
