import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { YUAN, YUAN_MESSAGE } from '../../companies/dto/company.dto';
import { Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application.entity';
import { PROGRAM_KINDS, type ProgramKind } from '../program.entity';

export class CreateProgramDto {
  @ApiProperty({ example: '算力补贴 2027' }) @Trimmed() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: 'Compute subsidy 2027' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  nameEn?: string;
  @ApiProperty({ enum: PROGRAM_KINDS }) @IsIn(PROGRAM_KINDS) kind!: ProgramKind;
  @ApiProperty({ example: '200000000.00', description: 'Yuan, from the park fund' })
  @IsString()
  @Matches(YUAN, { message: `budget ${YUAN_MESSAGE}` })
  budget!: string;
  @ApiPropertyOptional({ example: '0.5', description: 'Compute subsidies: card-hours per yuan' })
  @IsOptional()
  @Matches(/^\d{1,6}(\.\d{1,4})?$/, { message: 'cardHoursPerYuan must be a decimal string' })
  cardHoursPerYuan?: string;
}
export class UpdateProgramDto extends PartialType(CreateProgramDto, {
  skipNullProperties: false,
}) {}

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() programId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() companyId!: string;
  @ApiProperty({ example: '3000000.00' })
  @IsString()
  @Matches(YUAN, { message: `requestedAmount ${YUAN_MESSAGE}` })
  requestedAmount!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) purpose?: string;
}
export class UpdateApplicationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(YUAN, { message: `requestedAmount ${YUAN_MESSAGE}` })
  requestedAmount?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) purpose?: string;
}
export class ApproveApplicationDto {
  @ApiPropertyOptional({ description: 'Default: the requested amount' })
  @IsOptional()
  @IsString()
  @Matches(YUAN, { message: `approvedAmount ${YUAN_MESSAGE}` })
  approvedAmount?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @MaxLength(2000) reason?: string;
}
export class RejectApplicationDto {
  @ApiProperty({ example: '不符合申报条件' })
  @Trimmed()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
export class DisburseApplicationDto {
  @ApiPropertyOptional({ description: 'Default: the approved amount' })
  @IsOptional()
  @IsString()
  @Matches(YUAN, { message: `amount ${YUAN_MESSAGE}` })
  amount?: string;
}
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ListProgramsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: PROGRAM_KINDS })
  @IsOptional()
  @IsIn(PROGRAM_KINDS)
  kind?: ProgramKind;
}

export class ListApplicationsQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() programId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Submitted on or after this day (Beijing)',
  })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'submittedFrom must be a date YYYY-MM-DD' })
  submittedFrom?: string;
  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Submitted on or before this day (Beijing)',
  })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'submittedTo must be a date YYYY-MM-DD' })
  submittedTo?: string;
}
