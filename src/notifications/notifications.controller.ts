import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { ApiPageResponse, mapPage, Page } from '../common/pagination/page';
import {
  ListNotificationGroupsQuery,
  ListNotificationsQuery,
  MarkedReadDto,
  MarkNotificationsReadDto,
  NotificationDto,
  NotificationGroupsDto,
  UpdateNotificationDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authorize('read', 'Notification')
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiPageResponse(NotificationDto)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListNotificationsQuery,
  ): Promise<Page<NotificationDto>> {
    return mapPage(await this.notifications.list(principal, query), NotificationDto.from);
  }

  @Get('groups')
  @Authorize('read', 'Notification')
  @ApiOperation({
    summary: 'My notifications by group (kind), newest group first, with counts and the newest',
  })
  @ApiOkResponse({ type: NotificationGroupsDto })
  async groups(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListNotificationGroupsQuery,
  ): Promise<NotificationGroupsDto> {
    const groups = await this.notifications.groups(principal, query);
    return {
      data: groups.map(({ group, count, unread, latest }) => ({
        group,
        kind: latest.kind,
        count,
        unread,
        latest: NotificationDto.from(latest),
      })),
    };
  }

  @Post('read')
  @Authorize('update', 'Notification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my unread notifications read, or those of one group' })
  @ApiOkResponse({ type: MarkedReadDto })
  async markAllRead(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: MarkNotificationsReadDto,
  ): Promise<MarkedReadDto> {
    return { updated: await this.notifications.markAllRead(principal, dto.group) };
  }

  @Patch(':id')
  @Authorize('update', 'Notification')
  @ApiIfMatch()
  @ApiOperation({ summary: 'Mark one of my notifications read or unread' })
  @ApiOkResponse({ type: NotificationDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateNotificationDto,
  ): Promise<NotificationDto> {
    return NotificationDto.from(
      await this.notifications.markRead(principal, id, version, dto.read),
    );
  }
}
