import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { LeadershipPackQuery } from './dto/leadership-pack.dto';
import { LeadershipPackService } from './leadership-pack.service';
import { XLSX_TYPE as XLSX } from './report-xlsx';

/** The monthly leadership pack that the park committee hands upward: one workbook of reports. */
@ApiTags('reports')
@Controller('reports')
export class LeadershipPackController {
  constructor(private readonly pack: LeadershipPackService) {}

  @Get('leadership-pack')
  @Authorize('read', 'Report')
  @ApiOperation({
    summary: 'The month’s reports as one XLSX workbook, a sheet per report, for printing on A4',
    description:
      'Overview, targets, funnel, velocity, forecast (12 months ahead), sources, site visits, ' +
      'team (promoters: their own row) and compute usage, for a Beijing calendar month.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'XLSX workbook', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Query() { year, month }: LeadershipPackQuery,
  ): Promise<StreamableFile> {
    const teamOf = principal.role === 'promoter' ? principal.id : undefined;
    const workbook = await this.pack.workbook(year, month, { teamOf });
    const name = `leadership-pack-${year}-${String(month).padStart(2, '0')}.xlsx`;
    return new StreamableFile(workbook, {
      type: XLSX,
      disposition: `attachment; filename="${name}"`,
      length: workbook.length,
    });
  }
}
