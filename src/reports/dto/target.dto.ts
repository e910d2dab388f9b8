import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import {
  TARGET_COMPARISONS,
  TARGET_METRICS,
  type TargetComparison,
  type TargetMetric,
} from '../target.entity';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateTargetDto {
  @ApiProperty({ example: '2027年签约人工智能企业 120 家' })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ example: 'AI enterprises signed in 2027' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  nameEn?: string;

  @ApiProperty({ enum: TARGET_METRICS }) @IsIn(TARGET_METRICS) metric!: TargetMetric;

  @ApiPropertyOptional({ enum: TARGET_COMPARISONS, default: 'at_least' })
  @IsOptional()
  @IsIn(TARGET_COMPARISONS)
  comparison?: TargetComparison;

  @ApiProperty({ example: '120', description: 'A count, yuan (AI revenue) or card-hours' })
  @Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: 'value must be a non-negative decimal string' })
  value!: string;

  @ApiProperty({ example: '2027-01-01', description: 'First day (Beijing)' })
  @Matches(DAY, { message: 'periodStart must be a date YYYY-MM-DD' })
  periodStart!: string;

  @ApiProperty({ example: '2028-01-01', description: 'Day after the last (exclusive)' })
  @Matches(DAY, { message: 'periodEnd must be a date YYYY-MM-DD' })
  periodEnd!: string;
}

export class UpdateTargetDto extends PartialType(CreateTargetDto) {}

export class ListTargetsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: TARGET_METRICS })
  @IsOptional()
  @IsIn(TARGET_METRICS)
  metric?: TargetMetric;
}
