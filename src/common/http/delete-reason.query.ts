import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Trimmed } from './query-transforms';

/** `DELETE …?reason=` — why a record was removed, kept in the audit log. */
export class DeleteReasonQuery {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
