import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError } from '../../common/errors/problem.exception';

/** What is wrong with a cell, stable for clients to translate (the message is English). */
export const IMPORT_ROW_ERROR_CODES = [
  'required',
  'too_long',
  'unknown_source',
  'unknown_ai_segment',
  'invalid_phone',
  'invalid_email',
  'contact_name_required',
  'credit_code_length',
  'credit_code_characters',
  'credit_code_check',
] as const;
export type ImportRowErrorCode = (typeof IMPORT_ROW_ERROR_CODES)[number];

export interface ImportRowError extends FieldError {
  code: ImportRowErrorCode;
  /** The values the message names: `max` for too_long, `value` for an unknown source or segment. */
  params?: Record<string, string | number>;
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  created: {
    count: number;
    rows: { row: number; companyId: string; leadId: string; newCompany: boolean }[];
  };
  duplicates: {
    count: number;
    rows: (
      | { row: number; reason: 'in_file'; duplicateOfRow: number }
      | { row: number; reason: 'existing'; companyId: string; leadId: string }
    )[];
  };
  conflicts: {
    count: number;
    rows: {
      row: number;
      companyId: string;
      leadId: string;
      existingLeadId: string;
      match: string;
    }[];
  };
  rejected: { count: number; rows: { row: number; errors: ImportRowError[] }[] };
  ignoredColumns: string[];
}

class CreatedRowDto {
  @ApiProperty({ description: 'Line number in the file' }) row!: number;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ format: 'uuid', description: 'Empty in a dry run' }) leadId!: string;
  @ApiProperty({ description: 'Whether the firm was new' }) newCompany!: boolean;
}

class DuplicateRowDto {
  @ApiProperty() row!: number;
  @ApiProperty({ enum: ['in_file', 'existing'] }) reason!: 'in_file' | 'existing';
  @ApiPropertyOptional({ description: 'in_file: the earlier row of the same firm' })
  duplicateOfRow?: number;
  @ApiPropertyOptional({ format: 'uuid' }) companyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'existing: your lead of that firm' })
  leadId?: string;
}

class ConflictRowDto {
  @ApiProperty() row!: number;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({ format: 'uuid', description: 'The other promoter’s lead' })
  existingLeadId!: string;
  @ApiProperty({ enum: ['credit_code', 'name', 'similar_name'] }) match!: string;
}

class RowErrorDto {
  @ApiProperty({ description: 'Column (import field name)' }) field!: string;
  @ApiProperty({ enum: IMPORT_ROW_ERROR_CODES }) code!: ImportRowErrorCode;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) params?: Record<
    string,
    string | number
  >;
}

class RejectedRowDto {
  @ApiProperty() row!: number;
  @ApiProperty({ type: [RowErrorDto] }) errors!: RowErrorDto[];
}

class CreatedPart {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [CreatedRowDto] }) rows!: CreatedRowDto[];
}
class DuplicatesPart {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [DuplicateRowDto] }) rows!: DuplicateRowDto[];
}
class ConflictsPart {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [ConflictRowDto] }) rows!: ConflictRowDto[];
}
class RejectedPart {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [RejectedRowDto] }) rows!: RejectedRowDto[];
}

export class ImportReportDto implements Partial<ImportReport> {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Data rows in the file' }) total!: number;
  @ApiProperty({ type: CreatedPart, description: 'Leads created (or to be created in a dry run)' })
  created!: ImportReport['created'];
  @ApiProperty({
    type: DuplicatesPart,
    description: 'Rows skipped as the same firm earlier in the file, or a firm you already work',
  })
  duplicates!: ImportReport['duplicates'];
  @ApiProperty({
    type: ConflictsPart,
    description: 'Leads created on hold: another promoter works the firm (撞单)',
  })
  conflicts!: ImportReport['conflicts'];
  @ApiProperty({ type: RejectedPart, description: 'Rows with errors, by field' })
  rejected!: ImportReport['rejected'];
  @ApiProperty({ type: [String], description: 'Header columns the importer does not know' })
  ignoredColumns!: string[];
}
