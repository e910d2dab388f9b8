import { ApiProperty } from '@nestjs/swagger';
import type { FieldError } from '../../common/errors/problem.exception';

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
  rejected: { count: number; rows: { row: number; errors: FieldError[] }[] };
  ignoredColumns: string[];
}

class ReportPart {
  @ApiProperty() count!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'One entry per row, by the file’s line number',
  })
  rows!: object[];
}

export class ImportReportDto implements Partial<ImportReport> {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Data rows in the file' }) total!: number;
  @ApiProperty({
    type: ReportPart,
    description: 'Leads created (newCompany tells whether the firm was new)',
  })
  created!: ImportReport['created'];
  @ApiProperty({
    type: ReportPart,
    description: 'Rows skipped as the same firm earlier in the file, or a firm you already work',
  })
  duplicates!: ImportReport['duplicates'];
  @ApiProperty({
    type: ReportPart,
    description: 'Leads created on hold: another promoter works the firm (撞单)',
  })
  conflicts!: ImportReport['conflicts'];
  @ApiProperty({ type: ReportPart, description: 'Rows with errors, by field' })
  rejected!: ImportReport['rejected'];
  @ApiProperty({ type: [String], description: 'Header columns the importer does not know' })
  ignoredColumns!: string[];
}
