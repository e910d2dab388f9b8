import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { COMPUTE_ACCOUNT_STATUSES, type ComputeAccountStatus } from '../compute-account.entity';
import { INTENT_STATUSES, type IntentStatus } from '../compute-intent.entity';

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ListComputeAccountsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: COMPUTE_ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(COMPUTE_ACCOUNT_STATUSES)
  status?: ComputeAccountStatus;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
}

export class CreateComputeAccountDto {
  @ApiProperty({ format: 'uuid', description: 'The company to open a compute-center account for' })
  @IsUUID()
  companyId!: string;
}

export class UsageQuery {
  @ApiProperty({ example: '2026-11-01', description: 'First day (Beijing), inclusive' })
  @Matches(ISO_DAY, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-12-01', description: 'Last day (Beijing), exclusive' })
  @Matches(ISO_DAY, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: ['day', 'month'], default: 'day' })
  @IsOptional()
  @IsIn(['day', 'month'])
  granularity?: 'day' | 'month';
}

export class ListIntentsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: INTENT_STATUSES, description: '`dead`: the dead-letter queue' })
  @IsOptional()
  @IsIn(INTENT_STATUSES)
  status?: IntentStatus;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() accountId?: string;
}
