import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatch, IfMatch } from '../../common/concurrency/if-match.decorator';
import { DeleteReasonQuery } from '../../common/http/delete-reason.query';
import { UuidParam } from '../../common/http/uuid-param';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { ApiPageResponse, mapPage, Page } from '../../common/pagination/page';
import { CurrentPrincipal } from '../current-principal.decorator';
import { Authorize } from '../policies/auth-decision.decorator';
import type { Principal } from '../roles';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Authorize('read', 'ApiKey')
  @ApiPageResponse(ApiKeyDto)
  async list(@Query() query: ListQueryDto): Promise<Page<ApiKeyDto>> {
    return mapPage(await this.apiKeys.list(query), ApiKeyDto.from);
  }

  @Get(':id')
  @Authorize('read', 'ApiKey')
  @ApiOkResponse({ type: ApiKeyDto })
  async get(@UuidParam() id: string): Promise<ApiKeyDto> {
    return ApiKeyDto.from(await this.apiKeys.get(id));
  }

  /** Not idempotent by key on purpose: a replay would have to store the plain key to return it. */
  @Post()
  @Authorize('create', 'ApiKey')
  @ApiOperation({
    summary: 'Create an API key of role integration; the key is shown only in this response',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    const { apiKey, key } = await this.apiKeys.create(principal, dto);
    return Object.assign(new CreatedApiKeyDto(), ApiKeyDto.from(apiKey), { key });
  }

  @Delete(':id')
  @Authorize('delete', 'ApiKey')
  @ApiIfMatch()
  @ApiOperation({ summary: 'Revoke an API key (it stays listed, revoked)' })
  @ApiOkResponse({ type: ApiKeyDto })
  async revoke(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Query() query: DeleteReasonQuery,
  ): Promise<ApiKeyDto> {
    return ApiKeyDto.from(await this.apiKeys.revoke(id, version, query.reason));
  }
}
