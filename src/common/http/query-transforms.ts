import { Transform } from 'class-transformer';

/** Query-string booleans: `true`/`false`/`1`/`0`; anything else is left for @IsBoolean to reject. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  });

/** Trims a string and folds an empty one to undefined. */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  });
