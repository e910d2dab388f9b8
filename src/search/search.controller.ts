import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { SubjectType } from '../auth/policies/abilities';
import { Authenticated } from '../auth/policies/auth-decision.decorator';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { SearchQuery, SearchResultDto } from './search.dto';
import { SearchKind, SearchService } from './search.service';

/** Contacts are part of their company: whoever may read companies may find them. */
const SUBJECT_OF: Record<SearchKind, SubjectType> = {
  companies: 'Company',
  deals: 'Deal',
  leads: 'Lead',
  contacts: 'Company',
};

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(
    private readonly searchService: SearchService,
    private readonly policy: PolicyService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Global search: companies, deals, leads and contacts matching q, best first',
  })
  @ApiOkResponse({ type: SearchResultDto })
  search(
    @Query() query: SearchQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SearchResultDto> {
    const kinds = new Set(
      (Object.keys(SUBJECT_OF) as SearchKind[]).filter((kind) =>
        this.policy.canAny(principal, 'read', SUBJECT_OF[kind]),
      ),
    );
    return this.searchService.search(query.q, query.limit ?? 5, kinds);
  }
}
