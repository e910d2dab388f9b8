import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
} from '@nestjs/swagger';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
}

export class PageMeta {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Cursor of the next page; null on the last one',
  })
  nextCursor!: string | null;

  @ApiPropertyOptional({ description: 'Number of matching records (with withTotal=true)' })
  total?: number;
}

/** OpenAPI for a `{ data, nextCursor, total? }` list of `model`. */
export const ApiPageResponse = (model: Type) =>
  applyDecorators(
    ApiExtraModels(PageMeta, model),
    ApiOkResponse({
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMeta) },
          {
            properties: { data: { type: 'array', items: { $ref: getSchemaPath(model) } } },
            required: ['data', 'nextCursor'],
          },
        ],
      },
    }),
  );

/** The JSON text of a page whose records are JSON texts already (written by PostgreSQL). */
export const pageJson = (records: string[], nextCursor: string | null, total?: number): string =>
  `{"data":[${records.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}${
    total === undefined ? '' : `,"total":${total}`
  }}`;

export const mapPage = <T, R>(page: Page<T>, map: (item: T) => R): Page<R> => ({
  ...page,
  data: page.data.map(map),
});
