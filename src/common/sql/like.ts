/** A LIKE/ILIKE pattern matching `text` anywhere, its wildcards taken literally. */
export const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** The longest text that a list reads from the n-gram indexes; a longer one has trigrams. */
const NGRAM_TEXT_MAX = 2;

export interface ContainsTextOptions {
  /** A page of the matching rows in the list's order (the default), or all of them (to rank them). */
  reads?: 'page' | 'all';
  /**
   * Further conditions that select a row, each indexable on its own: `id = ANY (ARRAY(subquery))`
   * rather than `id IN (subquery)`, which in an OR is a subplan run for every row.
   */
  alternatives?: readonly string[];
}

/**
 * SQL: one of `columns` holds `text` anywhere, case-insensitively (`column ILIKE pattern`), or one
 * of the alternatives holds; `term` and `pattern` are the placeholders of the text and of
 * escapeLike(text).
 *
 * pg_trgm cannot narrow a text of one or two characters, such as the Chinese brand 星河: it has no
 * trigram. The GIN indexes on `crm_ngrams(column)` (migrations/1796000060000-NgramSearch.ts) can,
 * at any length, with two ORs: the columns' n-grams holding the text's (what those indexes answer,
 * a BitmapOr) and the ILIKEs (the match; they imply the first, so the rows are the ILIKEs'). The
 * planner takes the two for independent and expects far fewer rows than match, so it reads the
 * matches by index unless most rows match; only then does it walk the list's order testing rows.
 * Measured on 100k companies:
 *  - a page, one or two characters: n-grams. Reading a few thousand matches by index beats a walk,
 *    whose ILIKEs the planner underrates.
 *  - a page, a longer text: pg_trgm, whose estimate is the ILIKEs' own, so that a common text
 *    walks the list's order rather than reading tens of thousands of matches.
 *  - all matches: n-grams at any length; their bitmap is tighter than pg_trgm's, which the planner
 *    prices above a sequential scan.
 */
export function containsText(
  text: string,
  columns: readonly string[],
  placeholders: { term: string; pattern: string },
  options: ContainsTextOptions = {},
): string {
  const { term, pattern } = placeholders;
  const { reads = 'page', alternatives = [] } = options;
  const or = (conditions: string[]) => `(${conditions.join(' OR ')})`;
  const likes = or([...columns.map((column) => `${column} ILIKE ${pattern}`), ...alternatives]);
  if (reads === 'page' && [...text].length > NGRAM_TEXT_MAX) return likes;
  const grams = or([
    ...columns.map((column) => `crm_ngrams(${column}) @> crm_ngram_query(${term})`),
    ...alternatives,
  ]);
  return `(${grams} AND ${likes})`;
}
