import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { QueryBoolean, Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { ACTIVITY_TYPES, type Activity, type ActivityType } from '../activity.entity';
import { TASK_STATUSES, type Task, type TaskStatus } from '../task.entity';
import { IsBoolean } from 'class-validator';

export class CreateActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES }) @IsIn(ACTIVITY_TYPES) type!: ActivityType;
  @ApiProperty({ example: '电话沟通算力需求' })
  @Trimmed()
  @IsString()
  @Length(1, 200)
  subject!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) body?: string;
  @ApiPropertyOptional({ description: 'Default: now' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The company (or give dealId)' })
  @IsOptional()
  @IsUUID()
  companyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
}

export class UpdateActivityDto extends PartialType(
  PickType(CreateActivityDto, ['type', 'subject', 'body', 'occurredAt'] as const),
  {
    skipNullProperties: false,
  },
) {}

export class ListActivitiesQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_TYPES)
  type?: ActivityType;
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type!: ActivityType;
  @ApiProperty() subject!: string;
  @ApiProperty({ nullable: true, type: String }) body!: string | null;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) dealId!: string | null;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;

  static from(a: Activity): ActivityDto {
    const { company: _c, deal: _d, deletedAt: _x, updatedAt: _u, ...fields } = a;
    return Object.assign(new ActivityDto(), fields);
  }
}

export class CreateTaskDto {
  @ApiProperty({ example: '发送入驻政策材料' })
  @Trimmed()
  @IsString()
  @Length(1, 200)
  title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
  @ApiProperty({ example: '2027-01-15T10:00:00+08:00' })
  @IsDateString({ strict: true })
  dueAt!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: you' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
}

export class UpdateTaskDto extends PartialType(
  PickType(CreateTaskDto, ['title', 'notes', 'dueAt'] as const),
  {
    skipNullProperties: false,
  },
) {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
}

export class ListTasksQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ description: 'Only open tasks past their due time' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ format: 'uuid' }) assigneeId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) companyId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) dealId!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ nullable: true, type: Date }) completedAt!: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdById!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;

  static from(t: Task): TaskDto {
    const { assignee: _a, company: _c, deal: _d, deletedAt: _x, updatedAt: _u, ...fields } = t;
    return Object.assign(new TaskDto(), fields);
  }
}

/** One entry of a record's timeline; `data` depends on `kind` (see TimelineService's sources). */
export class TimelineItemDto {
  @ApiProperty() at!: Date;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description: 'activity, stage_move, audit, site_visit, …',
    example: 'stage_move',
  })
  kind!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}
