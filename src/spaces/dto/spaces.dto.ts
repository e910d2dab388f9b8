import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trimmed } from '../../common/http/query-transforms';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { UNIT_STATUSES, UNIT_TYPES, type UnitStatus, type UnitType } from '../unit.entity';
import { RESERVATION_STATUSES, type ReservationStatus } from '../reservation.entity';

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

export class CreateBuildingDto {
  @ApiProperty({ example: '京西智谷 A 座' }) @Trimmed() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: 'Jingxi AI Valley, Tower A' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(200) floors?: number;
}
export class UpdateBuildingDto extends PartialType(CreateBuildingDto, {
  skipNullProperties: false,
}) {}

export class CreateUnitDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() buildingId!: string;
  @ApiProperty({ example: 'A-301' }) @Trimmed() @IsString() @Length(1, 30) code!: string;
  @ApiProperty() @IsInt() @Min(-5) @Max(200) floor!: number;
  @ApiProperty({ example: '420.00', description: 'm²' })
  @IsString()
  @Matches(MONEY, { message: 'area must be m² as a decimal string' })
  area!: string;
  @ApiProperty({ enum: UNIT_TYPES }) @IsIn(UNIT_TYPES) type!: UnitType;
  @ApiProperty({ example: '4.50', description: 'Yuan per m² per month' })
  @IsString()
  @Matches(MONEY, { message: 'listRent must be yuan as a decimal string' })
  listRent!: string;
}
export class UpdateUnitDto extends PartialType(CreateUnitDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    enum: ['available', 'unavailable'],
    description: 'Take a unit off the market, or back',
  })
  @IsOptional()
  @IsIn(['available', 'unavailable'])
  status?: 'available' | 'unavailable';
}
export class ListUnitsQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional({ enum: UNIT_STATUSES })
  @IsOptional()
  @IsIn(UNIT_STATUSES)
  status?: UnitStatus;
  @ApiPropertyOptional({ enum: UNIT_TYPES }) @IsOptional() @IsIn(UNIT_TYPES) type?: UnitType;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-5)
  @Max(200)
  floor?: number;
  @ApiPropertyOptional({ description: 'At least this many m²' })
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  minArea?: number;
  @ApiPropertyOptional({ description: 'At most this many m²' })
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  maxArea?: number;
}

export class CreateReservationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() unitId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() dealId!: string;
  @ApiProperty({ example: '2027-02-01T00:00:00+08:00' })
  @IsDateString({ strict: true })
  expiresAt!: string;
}

export class CreateLeaseDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() unitId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() dealId!: string;
  @ApiProperty({ example: '2027-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date like 2027-03-01' })
  startDate!: string;
  @ApiProperty({ example: '2030-02-28' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endDate must be a date like 2030-02-28' })
  endDate!: string;
  @ApiProperty({ example: '56700.00', description: 'Yuan per month for the unit' })
  @IsString()
  @Matches(MONEY, { message: 'monthlyRent must be yuan as a decimal string' })
  monthlyRent!: string;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  rentFreeMonths?: number;
}

export class ListBuildingsQuery extends ListQueryDto {}

export class ListReservationsQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional({ enum: RESERVATION_STATUSES })
  @IsOptional()
  @IsIn(RESERVATION_STATUSES)
  status?: ReservationStatus;
}

export class ListLeasesQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() buildingId?: string;
  @ApiPropertyOptional({ enum: ['active', 'terminated'] })
  @IsOptional()
  @IsIn(['active', 'terminated'])
  status?: 'active' | 'terminated';
}
