import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import { ApiPageResponse, mapPage, Page } from '../common/pagination/page';
import { AuditService } from './audit.service';
import { AuditEntryDto } from './dto/audit-entry.dto';
import { ListAuditQuery } from './dto/list-audit.query';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authorize('read', 'AuditEntry')
  @ApiOperation({ summary: 'The audit log, newest first; filter by entity, actor or action' })
  @ApiPageResponse(AuditEntryDto)
  async list(@Query() query: ListAuditQuery): Promise<Page<AuditEntryDto>> {
    return mapPage(await this.audit.list(query), AuditEntryDto.from);
  }
}
