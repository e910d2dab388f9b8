import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsNotEmpty,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { QueryBoolean, Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import {
  AI_SAFETY_STATUSES,
  AI_SEGMENTS,
  COMPANY_STATUSES,
  FUNDING_STAGES,
  LISTING_STATUSES,
  type AiSafetyStatus,
  type AiSegment,
  type CompanyStatus,
  type FundingStage,
  type ListingStatus,
} from '../company.enums';
import type { Company } from '../company.entity';
import {
  CREDIT_CODE_ERROR_CODES,
  CREDIT_CODE_MESSAGES,
  creditCodeProblem,
  CreditCodeProblem,
  normaliseCreditCode,
} from '../credit-code';

export const YUAN = /^\d{1,16}(\.\d{1,2})?$/;
export const YUAN_MESSAGE = 'must be an amount in yuan as a decimal string, e.g. "1250000.00"';

/**
 * A unified social credit code, folded (spaces, case, full width) and checked per GB 32100-2015.
 * One constraint per problem, named by its field-error code (`credit_code_length`, …), so that a
 * client learns which from the code alone; at most one of them fails.
 */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? normaliseCreditCode(value) || undefined : value,
    )(target, propertyName);
    for (const [problem, name] of Object.entries(CREDIT_CODE_ERROR_CODES)) {
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options,
        validator: {
          validate: (value: unknown) =>
            (typeof value === 'string' ? creditCodeProblem(value) : 'length') !== problem,
          defaultMessage: () => `creditCode ${CREDIT_CODE_MESSAGES[problem as CreditCodeProblem]}`,
        },
      });
    }
  };
}

export class CreateCompanyDto {
  @ApiProperty({ example: '北京某某智能科技有限公司', maxLength: 200 })
  @Trimmed()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'Mouxx AI Technology Co., Ltd.', maxLength: 200 })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional({
    description: '统一社会信用代码, 18 characters',
    example: '91110108551385082Q',
  })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ enum: AI_SEGMENTS })
  @IsOptional()
  @IsIn(AI_SEGMENTS)
  aiSegment?: AiSegment;

  @ApiPropertyOptional({ enum: FUNDING_STAGES })
  @IsOptional()
  @IsIn(FUNDING_STAGES)
  fundingStage?: FundingStage;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  headcount?: number;

  @ApiPropertyOptional({ description: 'Registered capital in yuan', example: '10000000.00' })
  @IsOptional()
  @IsString()
  @Matches(YUAN, { message: `registeredCapital ${YUAN_MESSAGE}` })
  registeredCapital?: string;

  @ApiPropertyOptional({ example: '北京' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  hqCity?: string;

  @ApiPropertyOptional({ example: 'https://example.cn' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(300)
  website?: string;

  @ApiPropertyOptional({ type: [String], example: ['大模型', '昇腾生态'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 30, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  listingStatus?: ListingStatus;

  @ApiPropertyOptional({ example: 'STAR Market' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(50)
  listingExchange?: string;

  @ApiPropertyOptional({ example: '688001' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(20)
  ticker?: string;

  @ApiPropertyOptional({ enum: AI_SAFETY_STATUSES })
  @IsOptional()
  @IsIn(AI_SAFETY_STATUSES)
  aiSafetyStatus?: AiSafetyStatus;
}

/** Fields may be left out; the optional ones may be null to clear them; `name` may not. */
export class UpdateCompanyDto extends PartialType(CreateCompanyDto, {
  skipNullProperties: false,
}) {}

export class ListCompaniesQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Chinese or English name, credit code or contact name' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: AI_SEGMENTS })
  @IsOptional()
  @IsIn(AI_SEGMENTS)
  aiSegment?: AiSegment;

  @ApiPropertyOptional({ enum: COMPANY_STATUSES })
  @IsOptional()
  @IsIn(COMPANY_STATUSES)
  status?: CompanyStatus;

  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  listingStatus?: ListingStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'ownerId must be a UUID' })
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(30)
  tag?: string;

  @ApiPropertyOptional({ description: 'Only companies without an owner' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unowned?: boolean;
}

export class CompanyMatchesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(30)
  creditCode?: string;
}

export class ChurnCompanyDto {
  @ApiProperty({ description: 'Why the firm leaves the park', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class MergeCompaniesDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The duplicate to fold into this company (it is soft-deleted)',
  })
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'sourceId must be a UUID' })
  sourceId!: string;
}

export class CompanyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ description: 'The name as matched for duplicates' }) normalizedName!: string;
  @ApiProperty({ nullable: true, type: String }) creditCode!: string | null;
  @ApiProperty({ enum: AI_SEGMENTS }) aiSegment!: AiSegment;
  @ApiProperty({ enum: FUNDING_STAGES, nullable: true }) fundingStage!: FundingStage | null;
  @ApiProperty({ nullable: true, type: Number }) headcount!: number | null;
  @ApiProperty({ nullable: true, type: String, example: '10000000.00' }) registeredCapital!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) hqCity!: string | null;
  @ApiProperty({ nullable: true, type: String }) website!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: COMPANY_STATUSES }) status!: CompanyStatus;
  @ApiProperty({ enum: LISTING_STATUSES }) listingStatus!: ListingStatus;
  @ApiProperty({ nullable: true, type: String }) listingExchange!: string | null;
  @ApiProperty({ nullable: true, type: String }) ticker!: string | null;
  @ApiProperty({ enum: AI_SAFETY_STATUSES }) aiSafetyStatus!: AiSafetyStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) ownerId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(company: Company): CompanyDto {
    const {
      owner: _owner,
      deletedAt: _deletedAt,
      createdById: _createdById,
      mergedIntoId: _merged,
      ...fields
    } = company;
    return Object.assign(new CompanyDto(), fields);
  }
}

export class CompanyMatchDto {
  @ApiProperty({ type: CompanyDto }) company!: CompanyDto;
  @ApiProperty({ enum: ['credit_code', 'name', 'similar_name'] }) match!:
    'credit_code' | 'name' | 'similar_name';
  @ApiProperty({ description: 'Trigram similarity of the normalised names, 0–1' })
  similarity!: number;
}
