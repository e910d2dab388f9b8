import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import {
  CONFLICT_MATCHES,
  CONFLICT_RESOLUTIONS,
  type ConflictMatch,
  type ConflictResolution,
  type LeadConflict,
} from '../lead-conflict.entity';
import { LeadDto } from './lead.dto';

export class ListConflictsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({ description: 'Part of the name of either lead’s firm' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ResolveConflictDto {
  @ApiProperty({
    enum: CONFLICT_RESOLUTIONS,
    description:
      'keep_existing: the new lead is disqualified as a duplicate; transfer: the new lead’s owner takes the firm over and the ' +
      'existing lead is closed; merge: the new lead (and its company, if separate) is folded into the existing one',
  })
  @IsIn(CONFLICT_RESOLUTIONS)
  resolution!: ConflictResolution;

  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class LeadConflictDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: LeadDto, description: 'The new lead, on hold' }) lead!: LeadDto;
  @ApiProperty({ type: LeadDto, description: 'The lead another promoter already works' })
  existingLead!: LeadDto;
  @ApiProperty({ enum: CONFLICT_MATCHES }) match!: ConflictMatch;
  @ApiProperty({ nullable: true, type: Number }) similarity!: number | null;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: 'open' | 'resolved';
  @ApiProperty({ enum: CONFLICT_RESOLUTIONS, nullable: true })
  resolution!: ConflictResolution | null;
  @ApiProperty({ nullable: true, type: String }) resolutionNote!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) resolvedById!: string | null;
  @ApiProperty({ nullable: true, type: Date }) resolvedAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;

  static from(conflict: LeadConflict, protectionDays: number): LeadConflictDto {
    const {
      lead,
      existingLead,
      leadId: _l,
      existingLeadId: _e,
      updatedAt: _u,
      ...fields
    } = conflict;
    return Object.assign(new LeadConflictDto(), fields, {
      lead: LeadDto.from(lead!, protectionDays),
      existingLead: LeadDto.from(existingLead!, protectionDays),
    });
  }
}
