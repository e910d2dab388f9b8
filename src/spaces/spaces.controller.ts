import {
  BuildingDto,
  LeaseDto,
  LeaseListItemDto,
  OccupancyDto,
  ReservationDto,
  ReservationListItemDto,
  StatusFigures,
  UnitDto,
} from './dto/spaces-responses.dto';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Authorize } from '../auth/policies/auth-decision.decorator';
import type { Principal } from '../auth/roles';
import { ApiIfMatch, IfMatch } from '../common/concurrency/if-match.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiPageResponse, Page } from '../common/pagination/page';
import type { Building } from './building.entity';
import {
  CreateBuildingDto,
  CreateLeaseDto,
  CreateReservationDto,
  CreateUnitDto,
  ListBuildingsQuery,
  ListLeasesQuery,
  ListReservationsQuery,
  ListUnitsQuery,
  UpdateBuildingDto,
  UpdateUnitDto,
} from './dto/spaces.dto';
import type { Lease } from './lease.entity';
import type { Reservation } from './reservation.entity';
import { LeaseListItem, Occupancy, ReservationListItem, SpacesService } from './spaces.service';
import type { Unit } from './unit.entity';

@ApiTags('spaces')
@ApiExtraModels(StatusFigures)
@Controller()
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Get('buildings')
  @Authorize('read', 'Space')
  @ApiOperation({ summary: 'Buildings, by name unless sorted otherwise' })
  @ApiPageResponse(BuildingDto)
  buildings(@Query() query: ListBuildingsQuery): Promise<Page<Building>> {
    return this.spaces.listBuildings(query);
  }

  @Get('buildings/:id')
  @Authorize('read', 'Space')
  @ApiOkResponse({ type: BuildingDto })
  building(@UuidParam() id: string): Promise<Building> {
    return this.spaces.building(id);
  }

  @Get('buildings/:id/occupancy')
  @Authorize('read', 'Space')
  @ApiOperation({ summary: 'Units and area per status, and the leased share of the area' })
  @ApiOkResponse({ type: OccupancyDto })
  occupancy(@UuidParam() id: string): Promise<Occupancy> {
    return this.spaces.occupancy(id);
  }

  @Post('buildings')
  @Authorize('manage', 'Space')
  @Idempotent()
  @ApiCreatedResponse({ type: BuildingDto })
  createBuilding(@Body() dto: CreateBuildingDto): Promise<Building> {
    return this.spaces.createBuilding(dto);
  }

  @Patch('buildings/:id')
  @Authorize('manage', 'Space')
  @ApiIfMatch()
  @ApiOkResponse({ type: BuildingDto })
  updateBuilding(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateBuildingDto,
  ): Promise<Building> {
    return this.spaces.updateBuilding(id, version, dto);
  }

  @Get('units')
  @Authorize('read', 'Space')
  @ApiPageResponse(UnitDto)
  units(@Query() query: ListUnitsQuery): Promise<Page<Unit>> {
    return this.spaces.listUnits(query);
  }

  @Get('units/:id')
  @Authorize('read', 'Space')
  @ApiOkResponse({ type: UnitDto })
  unit(@UuidParam() id: string): Promise<Unit> {
    return this.spaces.unit(id);
  }

  @Post('units')
  @Authorize('manage', 'Space')
  @Idempotent()
  @ApiCreatedResponse({ type: UnitDto })
  createUnit(@Body() dto: CreateUnitDto): Promise<Unit> {
    return this.spaces.createUnit(dto);
  }

  @Patch('units/:id')
  @Authorize('manage', 'Space')
  @ApiIfMatch()
  @ApiOkResponse({ type: UnitDto })
  updateUnit(
    @UuidParam() id: string,
    @IfMatch() version: number,
    @Body() dto: UpdateUnitDto,
  ): Promise<Unit> {
    return this.spaces.updateUnit(id, version, dto);
  }

  @Get('reservations')
  @Authorize('read', 'Space')
  @ApiOperation({
    summary:
      'Holds, soonest expiry first unless sorted otherwise, with unit, deal and company named',
  })
  @ApiPageResponse(ReservationListItemDto)
  reservations(@Query() query: ListReservationsQuery): Promise<Page<ReservationListItem>> {
    return this.spaces.listReservations(query);
  }

  @Post('reservations')
  @Authorize('create', 'Space')
  @Idempotent()
  @ApiOperation({
    summary: 'Hold a unit for your deal until expiresAt; an overlapping active hold is 409 OVERLAP',
  })
  @ApiCreatedResponse({ type: ReservationDto })
  reserve(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateReservationDto,
  ): Promise<Reservation> {
    return this.spaces.reserve(principal, dto);
  }

  @Post('reservations/:id/release')
  @Authorize('create', 'Space')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: ReservationDto })
  release(
    @CurrentPrincipal() principal: Principal,
    @UuidParam() id: string,
    @IfMatch() version: number,
  ): Promise<Reservation> {
    return this.spaces.release(principal, id, version);
  }

  @Get('leases')
  @Authorize('read', 'Space')
  @ApiOperation({
    summary: 'Leases, latest start first unless sorted otherwise, with unit and company named',
  })
  @ApiPageResponse(LeaseListItemDto)
  leases(@Query() query: ListLeasesQuery): Promise<Page<LeaseListItem>> {
    return this.spaces.listLeases(query);
  }

  @Post('leases')
  @Authorize('create', 'Space')
  @Idempotent()
  @ApiOperation({
    summary: 'Lease a unit to your deal’s company; an overlapping active lease is 409 OVERLAP',
  })
  @ApiCreatedResponse({ type: LeaseDto })
  lease(@CurrentPrincipal() principal: Principal, @Body() dto: CreateLeaseDto): Promise<Lease> {
    return this.spaces.lease(principal, dto);
  }
}
