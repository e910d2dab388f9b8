import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Trimmed } from '../../../common/http/query-transforms';
import type { ApiKey } from '../api-key.entity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Compute center account system', minLength: 1, maxLength: 100 })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ description: 'When the key stops working; never when absent' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'expiresAt must be a date-time with an offset, e.g. 2027-01-01T00:00:00+08:00',
  })
  expiresAt?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'First characters of the key, to recognise it' }) prefix!: string;
  @ApiProperty({ enum: ['integration'] }) role!: 'integration';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdById!: string | null;
  @ApiProperty({ nullable: true, type: Date }) expiresAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(key: ApiKey): ApiKeyDto {
    const {
      id,
      name,
      prefix,
      role,
      createdById,
      expiresAt,
      lastUsedAt,
      revokedAt,
      version,
      createdAt,
      updatedAt,
    } = key;
    return Object.assign(new ApiKeyDto(), {
      id,
      name,
      prefix,
      role,
      createdById,
      expiresAt,
      lastUsedAt,
      revokedAt,
      version,
      createdAt,
      updatedAt,
    });
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself, shown only in this response: send it as X-API-Key' })
  key!: string;
}
