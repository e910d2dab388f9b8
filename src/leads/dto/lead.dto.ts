import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CreateCompanyDto } from '../../companies/dto/company.dto';
import { CreateContactDto } from '../../companies/dto/contact.dto';
import { QueryBoolean, Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import {
  ACTIVE_LEAD_STATUSES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  type LeadSource,
  type LeadStatus,
} from '../lead.enums';
import type { Lead } from '../lead.entity';

export class CreateLeadDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An existing company; or give `company` instead',
  })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({
    type: CreateCompanyDto,
    description: 'The firm typed inline; an existing match is reused',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateCompanyDto)
  company?: CreateCompanyDto;

  @ApiPropertyOptional({ type: CreateContactDto, description: 'A first contact at the firm' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateContactDto)
  contact?: CreateContactDto;

  @ApiProperty({ enum: LEAD_SOURCES })
  @IsIn(LEAD_SOURCES)
  source!: LeadSource;

  @ApiPropertyOptional({ example: '2026 中关村论坛' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  sourceDetail?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

export class UpdateLeadDto extends PartialType(
  PickType(CreateLeadDto, ['source', 'sourceDetail', 'notes'] as const),
  {
    skipNullProperties: false,
  },
) {
  @ApiPropertyOptional({
    enum: LEAD_STATUSES,
    description: 'new → contacted → qualified; disqualified needs a reason',
  })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @ApiPropertyOptional({ description: 'Required when disqualifying' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 1000)
  disqualifyReason?: string;
}

export class AssignLeadDto {
  @ApiProperty({ format: 'uuid', description: 'The promoter who takes the lead over' })
  @IsUUID()
  ownerId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListLeadsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: LEAD_STATUSES })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @ApiPropertyOptional({ enum: LEAD_SOURCES })
  @IsOptional()
  @IsIn(LEAD_SOURCES)
  source?: LeadSource;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ description: 'The pool (公海): active leads without an owner' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  pool?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  onHold?: boolean;

  @ApiPropertyOptional({ description: 'Part of the company’s name' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ImportLeadsQuery {
  @ApiPropertyOptional({
    description: 'Check the file and report what would happen, writing nothing',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export class LeadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ description: 'The company’s name, for lists' }) companyName!: string;
  @ApiProperty({ enum: LEAD_SOURCES }) source!: LeadSource;
  @ApiProperty({ nullable: true, type: String }) sourceDetail!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) ownerId!: string | null;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: LeadStatus;
  @ApiProperty({ nullable: true, type: String }) disqualifyReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ description: 'Held by an open ownership conflict (撞单)' }) onHold!: boolean;
  @ApiProperty() lastActivityAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) pooledAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) previousOwnerId!: string | null;
  @ApiProperty({ nullable: true, type: Date }) convertedAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'When the owner’s protection ends: the lead returns to the pool (公海) if nothing is logged on it by then ' +
      '(the last activity plus LEAD_PROTECTION_DAYS); null for a lead in the pool, on hold or closed',
  })
  protectedUntil!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  /** `protectionDays`: LEAD_PROTECTION_DAYS, how long an owner keeps a lead without activity. */
  static from(lead: Lead, protectionDays: number): LeadDto {
    const {
      company,
      owner: _owner,
      deletedAt: _deletedAt,
      createdById: _createdById,
      ownerAssignedAt: _assigned,
      ...fields
    } = lead;
    return Object.assign(new LeadDto(), fields, {
      companyName: company?.name ?? '',
      protectedUntil: protectionEnd(lead, protectionDays),
    });
  }
}

/** When an owned, open lead goes back to the pool unless something is logged on it. */
function protectionEnd(lead: Lead, days: number): Date | null {
  const protectedLead =
    lead.ownerId !== null && !lead.onHold && ACTIVE_LEAD_STATUSES.includes(lead.status);
  return protectedLead ? new Date(lead.lastActivityAt.getTime() + days * 86_400_000) : null;
}

export class CreatedLeadDto extends LeadDto {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The ownership conflict this lead is held by',
  })
  conflictId!: string | null;
}
