import { ApiProperty } from '@nestjs/swagger';
import { UNIT_STATUSES, UNIT_TYPES, type UnitStatus, type UnitType } from '../unit.entity';
import { RESERVATION_STATUSES, type ReservationStatus } from '../reservation.entity';

export class BuildingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: Number }) floors!: number | null;
  @ApiProperty() version!: number;
}

export class UnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) buildingId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() floor!: number;
  @ApiProperty({ description: 'm²' }) area!: string;
  @ApiProperty({ enum: UNIT_TYPES }) type!: UnitType;
  @ApiProperty({ description: 'Yuan per m² per month' }) listRent!: string;
  @ApiProperty({ enum: UNIT_STATUSES }) status!: UnitStatus;
  @ApiProperty() version!: number;
}

export class ReservationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) dealId!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ enum: RESERVATION_STATUSES }) status!: ReservationStatus;
  @ApiProperty() version!: number;
}

/** A hold as listed: with its unit, building, deal and company named. */
export class ReservationListItemDto extends ReservationDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ format: 'uuid' }) buildingId!: string;
  @ApiProperty() floor!: number;
  @ApiProperty() dealTitle!: string;
  @ApiProperty({ format: 'uuid' }) dealOwnerId!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
}

export class LeaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) dealId!: string | null;
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty({ description: 'Yuan per month' }) monthlyRent!: string;
  @ApiProperty() rentFreeMonths!: number;
  @ApiProperty({ enum: ['active', 'terminated'] }) status!: string;
  @ApiProperty() version!: number;
}

/** A lease as listed: with its unit, building and company named. */
export class LeaseListItemDto extends LeaseDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ format: 'uuid' }) buildingId!: string;
  @ApiProperty() floor!: number;
  @ApiProperty() companyName!: string;
  @ApiProperty({ nullable: true, type: String }) dealTitle!: string | null;
}

class StatusFigures {
  @ApiProperty() units!: number;
  @ApiProperty({ description: 'm²' }) area!: string;
}

export class OccupancyDto {
  @ApiProperty({ format: 'uuid' }) buildingId!: string;
  @ApiProperty() units!: number;
  @ApiProperty({ description: 'm²' }) area!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/StatusFigures' },
  })
  byStatus!: Record<string, StatusFigures>;
  @ApiProperty({ description: 'Leased share of the area, 0–1' }) occupancyRate!: number;
}

export { StatusFigures };
