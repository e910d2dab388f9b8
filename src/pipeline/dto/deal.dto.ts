import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { YUAN, YUAN_MESSAGE } from '../../companies/dto/company.dto';
import { Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { isoTimestamp, jsonObject } from '../../common/sql/json';
import type { Deal } from '../deal.entity';
import type { StageHistory } from '../stage-history.entity';

const AREA = /^\d{1,10}(\.\d{1,2})?$/;

export class DealTermsDto {
  @ApiPropertyOptional({ description: 'Expected space, m²', example: '1200.00' })
  @IsOptional()
  @IsString()
  @Matches(AREA, {
    message: 'expectedArea must be square metres as a decimal string, e.g. "1200.00"',
  })
  expectedArea?: string;

  @ApiPropertyOptional({ description: 'Expected compute need, card-hours per month' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  expectedComputeCardHours?: number;

  @ApiPropertyOptional({ description: 'Yuan', example: '50000000.00' })
  @IsOptional()
  @IsString()
  @Matches(YUAN, { message: `expectedInvestment ${YUAN_MESSAGE}` })
  expectedInvestment?: string;

  @ApiPropertyOptional({ description: 'Yuan per year' })
  @IsOptional()
  @IsString()
  @Matches(YUAN, { message: `expectedAnnualRevenue ${YUAN_MESSAGE}` })
  expectedAnnualRevenue?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-03-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'targetMoveInDate must be a date like 2027-03-01' })
  targetMoveInDate?: string;
}

export class CreateDealDto extends DealTermsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() companyId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the default pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;
  @ApiPropertyOptional({ description: 'Default: the company’s name' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class UpdateDealDto extends PartialType(DealTermsDto, { skipNullProperties: false }) {
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 200) title?: string;
}

export class ConvertLeadDto extends DealTermsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the default pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 200) title?: string;
}

export class MoveDealDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() stageId!: string;
  @ApiPropertyOptional({ description: 'Required to enter a lost stage' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(1000)
  lostReason?: string;
}

export class ListDealsQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ description: 'Part of the title or company name' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class BoardQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the default pipeline' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ description: 'Cards per column', default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  cards?: number;
}

export class DealDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leadId!: string | null;
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ nullable: true, type: String }) expectedArea!: string | null;
  @ApiProperty({ nullable: true, type: Number }) expectedComputeCardHours!: number | null;
  @ApiProperty({ nullable: true, type: String }) expectedInvestment!: string | null;
  @ApiProperty({ nullable: true, type: String }) expectedAnnualRevenue!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) targetMoveInDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) lostReason!: string | null;
  @ApiProperty() stageEnteredAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  /**
   * SQL of the JSON `from` gives, for a deal `d` joined to its company as `company` (the lists
   * read most are written by PostgreSQL: paginateJson). Decimals stay text, as they are read.
   */
  static readonly sqlJson = jsonObject({
    id: 'd.id',
    title: 'd.title',
    companyId: 'd.company_id',
    leadId: 'd.lead_id',
    pipelineId: 'd.pipeline_id',
    stageId: 'd.stage_id',
    ownerId: 'd.owner_id',
    expectedArea: 'd.expected_area::text',
    expectedComputeCardHours: 'd.expected_compute_card_hours',
    expectedInvestment: 'd.expected_investment::text',
    expectedAnnualRevenue: 'd.expected_annual_revenue::text',
    targetMoveInDate: 'd.target_move_in_date',
    lostReason: 'd.lost_reason',
    stageEnteredAt: isoTimestamp('d.stage_entered_at'),
    closedAt: isoTimestamp('d.closed_at'),
    version: 'd.version',
    createdAt: isoTimestamp('d.created_at'),
    updatedAt: isoTimestamp('d.updated_at'),
    companyName: 'company.name',
  });

  static from(deal: Deal): DealDto {
    const {
      company,
      lead: _l,
      pipeline: _p,
      stage: _s,
      owner: _o,
      deletedAt: _d,
      ...fields
    } = deal;
    return Object.assign(new DealDto(), fields, { companyName: company?.name ?? '' });
  }
}

export class StageHistoryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) fromStageId!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromStageName!: string | null;
  @ApiProperty({ format: 'uuid' }) toStageId!: string;
  @ApiProperty() toStageName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) movedById!: string | null;
  @ApiProperty() movedAt!: Date;

  static from(h: StageHistory): StageHistoryDto {
    return Object.assign(new StageHistoryDto(), {
      id: h.id,
      fromStageId: h.fromStageId,
      fromStageName: h.fromStage?.name ?? null,
      toStageId: h.toStageId,
      toStageName: h.toStage?.name ?? '',
      movedById: h.movedById,
      movedAt: h.movedAt,
    });
  }
}

const BOARD_CARD_FIELDS = [
  'id',
  'title',
  'companyId',
  'companyName',
  'stageId',
  'ownerId',
  'expectedInvestment',
  'stageEnteredAt',
  'version',
  'updatedAt',
] as const;

/**
 * A deal as the board shows it: what a card displays, where it links, and what a move sends
 * (its version). The rest of a deal is read when it is opened.
 */
export class BoardCardDto extends PickType(DealDto, BOARD_CARD_FIELDS) {
  static from(deal: Deal): BoardCardDto {
    const whole = DealDto.from(deal);
    return Object.assign(
      new BoardCardDto(),
      Object.fromEntries(BOARD_CARD_FIELDS.map((field) => [field, whole[field]])),
    );
  }
}

export class BoardColumnDto {
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() probability!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Days a deal may stay before its SLA is breached',
  })
  slaDays!: number | null;
  @ApiProperty() retired!: boolean;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Yuan' }) expectedInvestment!: string;
  @ApiProperty({ description: 'm²' }) expectedArea!: string;
  @ApiProperty({ description: 'card-hours per month' }) expectedComputeCardHours!: number;
  @ApiProperty({ type: [BoardCardDto] }) cards!: BoardCardDto[];
}

export class BoardDto {
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ type: [BoardColumnDto] }) columns!: BoardColumnDto[];
}
