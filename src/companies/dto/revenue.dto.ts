import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { CompanyRevenue } from '../company-revenue.entity';
import { YUAN, YUAN_MESSAGE } from './company.dto';

export class CreateRevenueDto {
  @ApiProperty({ example: 2025, minimum: 1990, maximum: 2100 })
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;

  @ApiProperty({ description: 'Revenue in yuan', example: '120000000.00' })
  @IsString()
  @Matches(YUAN, { message: `revenue ${YUAN_MESSAGE}` })
  revenue!: string;

  @ApiPropertyOptional({ description: 'Of which from AI business, in yuan' })
  @IsOptional()
  @IsString()
  @Matches(YUAN, { message: `aiRevenue ${YUAN_MESSAGE}` })
  aiRevenue?: string;

  @ApiPropertyOptional({ example: '年报 annual report' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;
}

export class UpdateRevenueDto extends PartialType(CreateRevenueDto, {
  skipNullProperties: false,
}) {}

export class RevenueDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ example: '120000000.00' }) revenue!: string;
  @ApiProperty({ nullable: true, type: String }) aiRevenue!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(revenue: CompanyRevenue): RevenueDto {
    const { company: _company, ...fields } = revenue;
    return Object.assign(new RevenueDto(), fields);
  }
}
