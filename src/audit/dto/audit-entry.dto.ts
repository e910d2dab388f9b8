import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry, FieldChanges } from '../audit-entry.entity';

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ format: 'uuid' }) entityId!: string;
  @ApiProperty({ example: 'update' }) action!: string;
  @ApiProperty({ enum: ['user', 'api_key', 'system'] }) actorType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({
    description: 'Changed fields: { field: { before, after } }',
    type: 'object',
    additionalProperties: { type: 'object', properties: { before: {}, after: {} } },
  })
  changes!: FieldChanges;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() createdAt!: Date;

  static from(entry: AuditEntry): AuditEntryDto {
    return Object.assign(new AuditEntryDto(), entry);
  }
}
