/** A LIKE/ILIKE pattern matching `text` anywhere, its wildcards taken literally. */
export const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
