import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, IsOptional } from 'class-validator';
import { Trimmed } from '../common/http/query-transforms';

export const MAX_PER_KIND = 20;

export class SearchQuery {
  @ApiProperty({ description: 'Part of a name, credit code, deal title, contact name or phone' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PER_KIND,
    default: 5,
    description: 'Hits per kind',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PER_KIND)
  limit?: number;
}

export class CompanyHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ nullable: true, type: String }) creditCode!: string | null;
  @ApiProperty() status!: string;
}

export class DealHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty() stageName!: string;
  @ApiProperty() stageNameEn!: string;
}

export class LeadHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty() status!: string;
}

export class ContactHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
}

/** The best hits of each kind the caller may read; a kind it may not read is left empty. */
export class SearchResultDto {
  @ApiProperty({ type: [CompanyHitDto] }) companies!: CompanyHitDto[];
  @ApiProperty({ type: [DealHitDto] }) deals!: DealHitDto[];
  @ApiProperty({ type: [LeadHitDto] }) leads!: LeadHitDto[];
  @ApiProperty({ type: [ContactHitDto] }) contacts!: ContactHitDto[];
}
