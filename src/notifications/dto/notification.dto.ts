import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { QueryBoolean } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import type { Notification, NotificationData } from '../notification.entity';

export class ListNotificationsQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
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

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lead.returned_to_pool' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) entityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: NotificationData;
  @ApiProperty({ nullable: true, type: Date }) readAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;

  static from(n: Notification): NotificationDto {
    const { id, kind, title, entityType, entityId, data, readAt, version, createdAt } = n;
    return Object.assign(new NotificationDto(), {
      id,
      kind,
      title,
      entityType,
      entityId,
      data,
      readAt,
      version,
      createdAt,
    });
  }
}
