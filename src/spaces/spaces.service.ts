import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../auth/policies/policy.service';
import type { Principal } from '../auth/roles';
import { updateVersioned } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate, type ListSpec } from '../common/pagination/keyset';
import { mapPage, type Page } from '../common/pagination/page';
import { DealsService } from '../pipeline/deals.service';
import { Building } from './building.entity';
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
import { Lease } from './lease.entity';
import { Reservation } from './reservation.entity';
import { Unit } from './unit.entity';

const MAX_HOLD_DAYS = 180;

export interface Occupancy {
  buildingId: string;
  units: number;
  area: string;
  byStatus: Record<string, { units: number; area: string }>;
  occupancyRate: number;
}

export type ReservationListItem = Omit<Reservation, 'unit' | 'deal'> & {
  unitCode: string;
  buildingId: string;
  floor: number;
  dealTitle: string;
  dealOwnerId: string;
  companyId: string;
  companyName: string;
};

export type LeaseListItem = Omit<Lease, 'unit' | 'company' | 'deal'> & {
  unitCode: string;
  buildingId: string;
  floor: number;
  companyName: string;
  dealTitle: string | null;
};

const BUILDING_LIST: ListSpec = {
  sortable: {
    name: { column: 'b.name', property: 'name' },
    createdAt: { column: 'b.createdAt', property: 'createdAt' },
    updatedAt: { column: 'b.updatedAt', property: 'updatedAt' },
  },
  defaultSort: 'name',
  idColumn: 'b.id',
};

/** Holds: soonest expiry first unless asked otherwise (index on expires_at, id). */
const RESERVATION_LIST: ListSpec = {
  sortable: {
    expiresAt: { column: 'r.expiresAt', property: 'expiresAt' },
    startsAt: { column: 'r.startsAt', property: 'startsAt' },
    createdAt: { column: 'r.createdAt', property: 'createdAt' },
    updatedAt: { column: 'r.updatedAt', property: 'updatedAt' },
    status: { column: 'r.status', property: 'status' },
    unitCode: { column: 'u.code', property: 'unit.code' },
    dealTitle: { column: 'd.title', property: 'deal.title' },
    companyName: { column: 'c.name', property: 'deal.company.name' },
  },
  defaultSort: 'expiresAt',
  idColumn: 'r.id',
};

/** Leases: latest start first unless asked otherwise (index on start_date, id). */
const LEASE_LIST: ListSpec = {
  sortable: {
    startDate: { column: 'l.startDate', property: 'startDate' },
    endDate: { column: 'l.endDate', property: 'endDate' },
    monthlyRent: { column: 'l.monthlyRent', property: 'monthlyRent' },
    rentFreeMonths: { column: 'l.rentFreeMonths', property: 'rentFreeMonths' },
    status: { column: 'l.status', property: 'status' },
    createdAt: { column: 'l.createdAt', property: 'createdAt' },
    updatedAt: { column: 'l.updatedAt', property: 'updatedAt' },
    unitCode: { column: 'u.code', property: 'unit.code' },
    companyName: { column: 'c.name', property: 'company.name' },
  },
  defaultSort: '-startDate',
  idColumn: 'l.id',
};

/** Buildings and units, holds and leases; a unit's status follows them. */
@Injectable()
export class SpacesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deals: DealsService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  private repo<T extends object>(entity: new () => T) {
    return this.txHost.tx.getRepository(entity);
  }

  listBuildings(query: ListBuildingsQuery = {}): Promise<Page<Building>> {
    return paginate(this.repo(Building).createQueryBuilder('b'), query, BUILDING_LIST);
  }

  async building(id: string): Promise<Building> {
    const building = await this.repo(Building).findOneBy({ id });
    if (!building) throw notFound('Building', id);
    return building;
  }

  @Transactional()
  async createBuilding(dto: CreateBuildingDto): Promise<Building> {
    const saved = await this.repo(Building).save(this.repo(Building).create(dto));
    await this.audit.record({
      entityType: 'Building',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return this.building(saved.id);
  }

  @Transactional()
  async updateBuilding(id: string, version: number, dto: UpdateBuildingDto): Promise<Building> {
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Building,
      'Building',
      id,
      version,
      dto,
    );
    await this.audit.record({
      entityType: 'Building',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  /** Units and area per status, and the share of area leased, computed in one aggregate. */
  async occupancy(buildingId: string): Promise<Occupancy> {
    await this.building(buildingId);
    const rows = await this.txHost.tx.query<{ status: string; units: number; area: string }[]>(
      `SELECT status, count(*)::int AS units, sum(area)::text AS area FROM units WHERE building_id = $1 GROUP BY status`,
      [buildingId],
    );
    const total = rows.reduce((sum, r) => sum + Number(r.area), 0);
    const leased = Number(rows.find((r) => r.status === 'leased')?.area ?? 0);
    return {
      buildingId,
      units: rows.reduce((sum, r) => sum + r.units, 0),
      area: total.toFixed(2),
      byStatus: Object.fromEntries(
        rows.map((r) => [r.status, { units: r.units, area: Number(r.area).toFixed(2) }]),
      ),
      occupancyRate: total ? Math.round((leased / total) * 1000) / 1000 : 0,
    };
  }

  listUnits(query: ListUnitsQuery): Promise<Page<Unit>> {
    const qb = this.repo(Unit).createQueryBuilder('u');
    if (query.buildingId)
      qb.andWhere('u.buildingId = :buildingId', { buildingId: query.buildingId });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.type) qb.andWhere('u.type = :type', { type: query.type });
    if (query.floor !== undefined) qb.andWhere('u.floor = :floor', { floor: query.floor });
    if (query.minArea !== undefined) qb.andWhere('u.area >= :minArea', { minArea: query.minArea });
    if (query.maxArea !== undefined) qb.andWhere('u.area <= :maxArea', { maxArea: query.maxArea });
    return paginate(qb, query, {
      sortable: {
        code: { column: 'u.code', property: 'code' },
        floor: { column: 'u.floor', property: 'floor' },
        area: { column: 'u.area', property: 'area' },
      },
      defaultSort: 'code',
      idColumn: 'u.id',
    });
  }

  async unit(id: string): Promise<Unit> {
    const unit = await this.repo(Unit).findOneBy({ id });
    if (!unit) throw notFound('Unit', id);
    return unit;
  }

  @Transactional()
  async createUnit(dto: CreateUnitDto): Promise<Unit> {
    await this.building(dto.buildingId);
    const saved = await this.repo(Unit).save(this.repo(Unit).create(dto));
    await this.audit.record({
      entityType: 'Unit',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return this.unit(saved.id);
  }

  @Transactional()
  async updateUnit(id: string, version: number, dto: UpdateUnitDto): Promise<Unit> {
    const { before, after } = await updateVersioned(this.txHost.tx, Unit, 'Unit', id, version, dto);
    if (dto.status === 'available') await this.refreshStatus([id]);
    await this.audit.record({ entityType: 'Unit', entityId: id, action: 'update', before, after });
    return this.unit(id);
  }

  /** A page of holds with their unit, building, deal and company named (one query). */
  async listReservations(query: ListReservationsQuery = {}): Promise<Page<ReservationListItem>> {
    const qb = this.repo(Reservation)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.unit', 'u')
      .innerJoinAndSelect('r.deal', 'd')
      .innerJoinAndSelect('d.company', 'c');
    if (query.dealId) qb.andWhere('r.dealId = :dealId', { dealId: query.dealId });
    if (query.unitId) qb.andWhere('r.unitId = :unitId', { unitId: query.unitId });
    if (query.buildingId)
      qb.andWhere('u.buildingId = :buildingId', { buildingId: query.buildingId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const page = await paginate(qb, query, RESERVATION_LIST);
    return mapPage(page, ({ unit, deal, ...hold }) => ({
      ...hold,
      unitCode: unit!.code,
      buildingId: unit!.buildingId,
      floor: unit!.floor,
      dealTitle: deal!.title,
      dealOwnerId: deal!.ownerId,
      companyId: deal!.companyId,
      companyName: deal!.company?.name ?? '',
    }));
  }

  /** Holds a unit for a deal the principal owns; an overlapping active hold is 409 OVERLAP. */
  @Transactional()
  async reserve(principal: Principal, dto: CreateReservationDto): Promise<Reservation> {
    const deal = await this.deals.get(dto.dealId);
    this.policy.assert(principal, 'update', 'Deal', deal);
    const unit = await this.unit(dto.unitId);
    await this.lockUnit(unit.id);
    const [{ leased }] = await this.txHost.tx.query<{ leased: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM leases WHERE unit_id = $1 AND status = 'active' AND end_date >= current_date) AS leased`,
      [unit.id],
    );
    if (leased)
      throw new ProblemException('OVERLAP', `Unit ${unit.code} is leased`, {
        errors: [fieldError('unitId', 'unit_leased', 'is leased')],
      });
    if (unit.status === 'unavailable' || unit.status === 'leased') {
      throw new ProblemException('CONFLICT', `Unit ${unit.code} is ${unit.status}`);
    }
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt.getTime() > Date.now() + MAX_HOLD_DAYS * 86_400_000) {
      throw new ProblemException(
        'VALIDATION_FAILED',
        `A hold lasts at most ${MAX_HOLD_DAYS} days`,
        {
          errors: [
            fieldError('expiresAt', 'hold_too_long', `must be within ${MAX_HOLD_DAYS} days`),
          ],
        },
      );
    }
    if (expiresAt.getTime() <= Date.now()) {
      throw new ProblemException('VALIDATION_FAILED', 'A hold expires in the future', {
        errors: [fieldError('expiresAt', 'must_be_future', 'must be in the future')],
      });
    }
    const saved = await this.exclusive('reservation', () =>
      this.repo(Reservation).save(
        this.repo(Reservation).create({
          unitId: unit.id,
          dealId: deal.id,
          expiresAt,
          createdById: principal.id,
        }),
      ),
    );
    await this.refreshStatus([unit.id]);
    await this.audit.record({
      entityType: 'Reservation',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return saved;
  }

  @Transactional()
  async release(principal: Principal, id: string, version: number): Promise<Reservation> {
    const hold = await this.repo(Reservation).findOneBy({ id });
    if (!hold) throw notFound('Reservation', id);
    if (hold.status !== 'active')
      throw new ProblemException('ILLEGAL_TRANSITION', `The hold is already ${hold.status}`);
    this.policy.assert(principal, 'update', 'Deal', await this.deals.get(hold.dealId));
    const { before, after } = await updateVersioned(
      this.txHost.tx,
      Reservation,
      'Reservation',
      id,
      version,
      { status: 'released' },
    );
    await this.refreshStatus([hold.unitId]);
    await this.audit.record({
      entityType: 'Reservation',
      entityId: id,
      action: 'release',
      before,
      after,
    });
    return after;
  }

  /** Ends holds past their expiry and frees their units; run by the hourly job. */
  @Transactional()
  async expireHolds(): Promise<number> {
    const expired = await this.txHost.tx.query<{ id: string; unit_id: string }[]>(
      `WITH gone AS (UPDATE reservations SET status = 'expired', version = version + 1, updated_at = now()
                      WHERE status = 'active' AND expires_at <= now() RETURNING id, unit_id)
       SELECT id, unit_id FROM gone`,
    );
    await this.refreshStatus([...new Set(expired.map((r) => r.unit_id))]);
    await this.audit.recordMany(
      expired.map((r) => ({
        entityType: 'Reservation',
        entityId: r.id,
        action: 'expire',
        after: { status: 'expired' },
      })),
    );
    return expired.length;
  }

  /** A page of leases with their unit, building, company and deal named (one query). */
  async listLeases(query: ListLeasesQuery = {}): Promise<Page<LeaseListItem>> {
    const qb = this.repo(Lease)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.unit', 'u')
      .innerJoinAndSelect('l.company', 'c')
      .leftJoinAndSelect('l.deal', 'd');
    if (query.companyId) qb.andWhere('l.companyId = :companyId', { companyId: query.companyId });
    if (query.dealId) qb.andWhere('l.dealId = :dealId', { dealId: query.dealId });
    if (query.unitId) qb.andWhere('l.unitId = :unitId', { unitId: query.unitId });
    if (query.buildingId)
      qb.andWhere('u.buildingId = :buildingId', { buildingId: query.buildingId });
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    const page = await paginate(qb, query, LEASE_LIST);
    return mapPage(page, ({ unit, company, deal, ...lease }) => ({
      ...lease,
      unitCode: unit!.code,
      buildingId: unit!.buildingId,
      floor: unit!.floor,
      companyName: company!.name,
      dealTitle: deal?.title ?? null,
    }));
  }

  /** Leases a unit to the deal's company; the deal's holds on it become the lease. Overlaps are 409. */
  @Transactional()
  async lease(principal: Principal, dto: CreateLeaseDto): Promise<Lease> {
    const deal = await this.deals.get(dto.dealId);
    this.policy.assert(principal, 'update', 'Deal', deal);
    const unit = await this.unit(dto.unitId);
    await this.lockUnit(unit.id);
    if (dto.endDate < dto.startDate) {
      throw new ProblemException('VALIDATION_FAILED', 'A lease ends after it starts', {
        errors: [fieldError('endDate', 'end_before_start', 'must not be before startDate')],
      });
    }
    await this.txHost.tx.query(
      `UPDATE reservations SET status = 'converted', version = version + 1, updated_at = now() WHERE unit_id = $1 AND deal_id = $2 AND status = 'active'`,
      [unit.id, deal.id],
    );
    const [{ held }] = await this.txHost.tx.query<{ held: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM reservations WHERE unit_id = $1 AND status = 'active' AND expires_at > now()) AS held`,
      [unit.id],
    );
    if (held)
      throw new ProblemException('OVERLAP', `Unit ${unit.code} is held for another deal`, {
        errors: [fieldError('unitId', 'unit_held', 'is held for another deal')],
      });
    const saved = await this.exclusive('lease', () =>
      this.repo(Lease).save(
        this.repo(Lease).create({
          unitId: unit.id,
          companyId: deal.companyId,
          dealId: deal.id,
          startDate: dto.startDate,
          endDate: dto.endDate,
          monthlyRent: dto.monthlyRent,
          rentFreeMonths: dto.rentFreeMonths ?? 0,
        }),
      ),
    );
    await this.refreshStatus([unit.id]);
    await this.audit.record({
      entityType: 'Lease',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return saved;
  }

  /** Whether the deal holds a unit (active hold) or already leases one: the `reserved_unit` gate. */
  async dealHasUnit(dealId: string): Promise<boolean> {
    const [{ has }] = await this.txHost.tx.query<{ has: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM reservations WHERE deal_id = $1 AND status = 'active' AND expires_at > now())
           OR EXISTS (SELECT 1 FROM leases WHERE deal_id = $1 AND status = 'active') AS has`,
      [dealId],
    );
    return has;
  }

  /** Holds and leases of one unit are decided one at a time (holds vs leases have no shared constraint). */
  private async lockUnit(unitId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM units WHERE id = $1 FOR UPDATE`, [unitId]);
  }

  private async refreshStatus(unitIds: string[]): Promise<void> {
    if (unitIds.length === 0) return;
    await this.txHost.tx.query(
      `UPDATE units u SET status = s.status, version = u.version + 1, updated_at = now()
         FROM (SELECT id, CASE
                 WHEN EXISTS (SELECT 1 FROM leases l WHERE l.unit_id = units.id AND l.status = 'active' AND l.end_date >= current_date) THEN 'leased'
                 WHEN EXISTS (SELECT 1 FROM reservations r WHERE r.unit_id = units.id AND r.status = 'active' AND r.expires_at > now()) THEN 'reserved'
                 ELSE 'available' END AS status
                 FROM units WHERE id = ANY($1::uuid[])) s
        WHERE u.id = s.id AND u.status <> 'unavailable' AND u.status <> s.status`,
      [unitIds],
    );
  }

  private async exclusive<T>(what: 'reservation' | 'lease', write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const code =
        error instanceof QueryFailedError
          ? (error.driverError as { code?: string }).code
          : undefined;
      if (code === '23P01') {
        throw new ProblemException(
          'OVERLAP',
          `The unit already has an active ${what} for an overlapping period`,
          {
            errors: [fieldError('unitId', 'unit_overlap', `has an overlapping ${what}`)],
          },
        );
      }
      throw error;
    }
  }
}
