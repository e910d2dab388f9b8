import { ProblemException } from '../errors/problem.exception';
import { decodeCursor, encodeCursor, ListSpec, paginate, parseSort } from './keyset';

const spec: ListSpec = {
  sortable: {
    name: { column: 'c.name', property: 'name' },
    updatedAt: { column: 'c.updatedAt', property: 'updatedAt' },
  },
  defaultSort: '-updatedAt',
  idColumn: 'c.id',
};

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as ProblemException).code;
  }
  return undefined;
};

describe('parseSort', () => {
  it('reads fields and directions', () => {
    expect(parseSort('-updatedAt,name', spec)).toEqual([
      { name: 'updatedAt', column: 'c.updatedAt', property: 'updatedAt', descending: true },
      { name: 'name', column: 'c.name', property: 'name', descending: false },
    ]);
  });

  it('refuses fields that are not whitelisted, repeated fields and SQL', () => {
    expect(codeOf(() => parseSort('passwordHash', spec))).toBe('INVALID_SORT');
    expect(codeOf(() => parseSort('name,-name', spec))).toBe('INVALID_SORT');
    expect(codeOf(() => parseSort('name; DROP TABLE users', spec))).toBe('INVALID_SORT');
    expect(codeOf(() => parseSort('constructor', spec))).toBe('INVALID_SORT');
    expect(codeOf(() => parseSort(',', spec))).toBe('INVALID_SORT');
  });
});

describe('cursors', () => {
  it('round-trip the sort keys', () => {
    const cursor = encodeCursor('-updatedAt', ['2026-11-29T05:00:00.123Z', 'a1b2']);
    expect(decodeCursor(cursor, '-updatedAt', 2)).toEqual(['2026-11-29T05:00:00.123Z', 'a1b2']);
  });

  it('reject a cursor of another sort, of another shape, or garbage', () => {
    const cursor = encodeCursor('-updatedAt', ['2026-11-29T05:00:00.123Z', 'a1b2']);
    expect(codeOf(() => decodeCursor(cursor, 'name', 2))).toBe('INVALID_CURSOR');
    expect(codeOf(() => decodeCursor(cursor, '-updatedAt', 3))).toBe('INVALID_CURSOR');
    expect(codeOf(() => decodeCursor('%%%', '-updatedAt', 2))).toBe('INVALID_CURSOR');
    const nested = Buffer.from(JSON.stringify({ s: '-updatedAt', v: [{ $gt: 1 }, 'x'] })).toString(
      'base64url',
    );
    expect(codeOf(() => decodeCursor(nested, '-updatedAt', 2))).toBe('INVALID_CURSOR');
  });
});

describe('paginate', () => {
  it('puts a joined relation’s sort value in the cursor', async () => {
    const joined: ListSpec = {
      sortable: { companyName: { column: 'c.name', property: 'company.name' } },
      defaultSort: 'companyName',
      idColumn: 'l.id',
    };
    const rows = [
      { id: 'a', company: { name: '甲' } },
      { id: 'b', company: { name: '乙' } },
    ];
    const qb = {
      orderBy: () => qb,
      addOrderBy: () => qb,
      limit: () => qb,
      getMany: () => Promise.resolve(rows),
    };
    const page = await paginate(qb as never, { limit: 1 }, joined);
    expect(page.data).toEqual([rows[0]]);
    expect(decodeCursor(page.nextCursor!, 'companyName', 2)).toEqual(['甲', 'a']);
  });
});
