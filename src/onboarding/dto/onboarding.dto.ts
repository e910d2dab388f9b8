import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { ONBOARDING_TASK_STATUSES, type OnboardingTaskStatus } from '../onboarding-task.entity';

export class TemplateTaskDto {
  @ApiProperty({ example: 'business_registration' }) @Matches(/^[a-z_]{1,40}$/) code!: string;
  @ApiProperty({ example: '区内工商注册' }) @Trimmed() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: 'Business registration in the district' })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  nameEn!: string;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiProperty({ example: 30 }) @IsInt() @Min(0) @Max(730) dueDays!: number;
}

export class CreateTemplateDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ type: [TemplateTaskDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TemplateTaskDto)
  tasks!: TemplateTaskDto[];
}

export class UpdateTemplateDto {
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ type: [TemplateTaskDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TemplateTaskDto)
  tasks?: TemplateTaskDto[];
}

export class UpdateOnboardingTaskDto {
  @ApiPropertyOptional({ enum: ONBOARDING_TASK_STATUSES })
  @IsOptional()
  @IsIn(ONBOARDING_TASK_STATUSES)
  status?: OnboardingTaskStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ example: '2027-03-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date like 2027-03-01' })
  dueDate?: string;
}

export class ListTemplatesQuery extends ListQueryDto {}

export class TrackFilter extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ enum: ['open', 'completed'] })
  @IsOptional()
  @IsIn(['open', 'completed'])
  status?: 'open' | 'completed';
}
