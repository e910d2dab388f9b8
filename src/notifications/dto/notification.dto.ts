import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { API_PREFIX } from '../../common/http/api-prefix';
import { QueryBoolean } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Notification, NotificationData } from '../notification.entity';

/** The API resource of each kind of record a notification can be about. */
const RESOURCE_OF: Record<string, string> = {
  Company: 'companies',
  ComputeAccount: 'compute-accounts',
  Deal: 'deals',
  Lead: 'leads',
  LeadConflict: 'lead-conflicts',
  SiteVisit: 'site-visits',
  Task: 'tasks',
};

const GROUP_PATTERN = /^[a-z][a-z_]*(\.[a-z_]+)*$/;
const GROUP_DESCRIPTION =
  'Notifications of one group are shown and marked read together: those of one kind, e.g. `lead.conflict_opened`';

const GroupProperty = () =>
  applyDecorators(
    ApiPropertyOptional({ description: GROUP_DESCRIPTION, maxLength: 60 }),
    IsOptional(),
    IsString(),
    MaxLength(60),
    Matches(GROUP_PATTERN),
  );

export class ListNotificationsQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;

  @GroupProperty()
  group?: string;
}

export class ListNotificationGroupsQuery {
  @ApiPropertyOptional({ description: 'Only groups with unread notifications, counting those' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;
}

export class UpdateNotificationDto {
  @ApiProperty()
  @IsBoolean()
  read!: boolean;
}

/** `POST /notifications/read`: every unread notification of the caller, or one group's. */
export class MarkNotificationsReadDto {
  @GroupProperty()
  group?: string;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'How many notifications this marked read' }) updated!: number;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lead.returned_to_pool' }) kind!: string;
  @ApiProperty({ description: GROUP_DESCRIPTION, example: 'lead.returned_to_pool' })
  group!: string;
  @ApiProperty() title!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The name of the record it is about (a firm, a deal, a task), when it has one',
  })
  subject!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) entityId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The API path of the record it is about',
    example: '/api/v1/lead-conflicts/8f1c2c0e-5d1b-4c53-9a51-2a4d1c1b9e10',
  })
  link!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: NotificationData;
  @ApiProperty({ nullable: true, type: Date }) readAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;

  static from(n: Notification): NotificationDto {
    const { id, kind, title, entityType, entityId, data, readAt, version, createdAt } = n;
    const resource = entityType ? RESOURCE_OF[entityType] : undefined;
    return Object.assign(new NotificationDto(), {
      id,
      kind,
      group: kind,
      title,
      subject: typeof data.subject === 'string' && data.subject ? data.subject : null,
      entityType,
      entityId,
      link: resource && entityId ? `/${API_PREFIX}/${resource}/${entityId}` : null,
      data,
      readAt,
      version,
      createdAt,
    });
  }
}

export class NotificationGroupDto {
  @ApiProperty({ description: GROUP_DESCRIPTION }) group!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ description: 'Notifications in the group (unread ones only when asked)' })
  count!: number;
  @ApiProperty({ description: 'Unread notifications in the group' }) unread!: number;
  @ApiProperty({ type: NotificationDto, description: 'The newest notification of the group' })
  latest!: NotificationDto;
}

export class NotificationGroupsDto {
  @ApiProperty({ type: [NotificationGroupDto], description: 'Newest group first' })
  data!: NotificationGroupDto[];
}
