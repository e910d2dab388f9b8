import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiIfMatch, IfMatch } from '../../common/concurrency/if-match.decorator';
import { DeleteReasonQuery } from '../../common/http/delete-reason.query';
import { UuidParam } from '../../common/http/uuid-param';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, mapPage, Page } from '../../common/pagination/page';
import { CurrentPrincipal } from '../current-principal.decorator';
import { Authorize } from '../policies/auth-decision.decorator';
import type { Principal } from '../roles';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize('read', 'User')
  @ApiOperation({ summary: 'Staff users; filter by role, active, or q (name / e-mail)' })
  @ApiPageResponse(UserDto)
  async list(@Query() query: ListUsersQuery): Promise<Page<UserDto>> {
    return mapPage(await this.users.list(query), UserDto.from);
  }

  @Get(':id')
  @Authorize('read', 'User')
  @ApiOkResponse({ type: UserDto })
  async get(@UuidParam() id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  @Post()
  @Authorize('create', 'User')
  @Idempotent()
  @ApiOperation({ summary: 'Create a staff user (admins)' })
  @ApiCreatedResponse({ type: UserDto })
  async create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(dto));
  }

  @Patch(':id')
  @Authorize('update', 'User')
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Change a user; a new role, password or deactivation signs them out everywhere',
  })
  @ApiOkResponse({ type: UserDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.update(principal, id, version, dto));
  }

  @Delete(':id')
  @Authorize('delete', 'User')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiOperation({ summary: 'Remove a user (soft delete; kept in the audit log)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Query() query: DeleteReasonQuery,
  ): Promise<void> {
    await this.users.remove(principal, id, version, query.reason);
  }
}
