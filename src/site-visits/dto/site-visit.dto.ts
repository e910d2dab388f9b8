import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import {
  PLACE_TYPES,
  VISIT_STATUSES,
  type PlaceType,
  type SiteVisit,
  type VisitStatus,
} from '../site-visit.entity';

export class CreateSiteVisitDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() dealId!: string;
  @ApiProperty({ example: '2027-01-15T10:00:00+08:00' })
  @IsDateString({ strict: true })
  startsAt!: string;
  @ApiProperty({ example: '2027-01-15T11:30:00+08:00' })
  @IsDateString({ strict: true })
  endsAt!: string;
  @ApiProperty({ enum: PLACE_TYPES }) @IsIn(PLACE_TYPES) placeType!: PlaceType;
  @ApiPropertyOptional({ format: 'uuid', description: 'The building or unit' })
  @IsOptional()
  @IsUUID()
  placeId?: string;
  @ApiPropertyOptional({ example: '昇腾人工智能计算中心 展厅' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  placeLabel?: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Staff hosting the visit' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  hostIds!: string[];
  @ApiPropertyOptional({ type: [String], example: ['张总 CEO', '李工 CTO'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  visitors?: string[];
}

export class UpdateSiteVisitDto extends PartialType(
  PickType(CreateSiteVisitDto, [
    'startsAt',
    'endsAt',
    'placeType',
    'placeId',
    'placeLabel',
    'hostIds',
    'visitors',
  ] as const),
  { skipNullProperties: false },
) {}

export class FollowUpTaskDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 200) title!: string;
  @ApiProperty() @IsDateString({ strict: true }) dueAt!: string;
}

export class CompleteSiteVisitDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: 'The firm’s interest after the visit' })
  @IsInt()
  @Min(1)
  @Max(5)
  interest!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
  @ApiPropertyOptional({ example: '发送租赁方案' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(500)
  nextStep?: string;
  @ApiPropertyOptional({
    type: FollowUpTaskDto,
    description: 'A follow-up task for the deal owner',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FollowUpTaskDto)
  followUpTask?: FollowUpTaskDto;
}

export class CancelSiteVisitDto {
  @ApiProperty({ example: '客户行程变更' }) @Trimmed() @IsString() @Length(1, 1000) reason!: string;
}

export class ListSiteVisitsQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Visits starting at or after' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;
  @ApiPropertyOptional({ description: 'Visits starting before' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() hostId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ enum: VISIT_STATUSES })
  @IsOptional()
  @IsIn(VISIT_STATUSES)
  status?: VisitStatus;
}

export class SiteVisitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dealId!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty({ enum: PLACE_TYPES }) placeType!: PlaceType;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) placeId!: string | null;
  @ApiProperty({ nullable: true, type: String }) placeLabel!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) hostIds!: string[];
  @ApiProperty({ type: [String] }) visitors!: string[];
  @ApiProperty({ enum: VISIT_STATUSES }) status!: VisitStatus;
  @ApiProperty({ nullable: true, type: Number }) interest!: number | null;
  @ApiProperty({ nullable: true, type: String }) outcomeNotes!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextStep!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdById!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;

  static from(visit: SiteVisit, hostIds: string[]): SiteVisitDto {
    const { deal: _d, updatedAt: _u, ...fields } = visit;
    return Object.assign(new SiteVisitDto(), fields, { hostIds });
  }
}
