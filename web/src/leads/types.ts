import type { FieldProblem } from '../api/http';
import type { Schemas } from '../api/types';

export type CreatedLead = Schemas['CreatedLeadDto'];
export type LeadConflict = Schemas['LeadConflictDto'];
export type ConflictMatch = LeadConflict['match'];
export type ConflictResolution = Schemas['ResolveConflictDto']['resolution'];
export type ConvertLead = Schemas['ConvertLeadDto'];
export type ImportReport = Schemas['ImportReportDto'];

/*
 * The import report's rows: the OpenAPI document declares them as plain objects, so their shapes
 * are written here after `src/leads/import/lead-import.report.ts`.
 */
export interface RejectedRow {
  row: number;
  errors: FieldProblem[];
}
export interface ConflictRow {
  row: number;
  companyId: string;
  leadId: string;
  existingLeadId: string;
  match: ConflictMatch;
}
export type DuplicateRow =
  | { row: number; reason: 'in_file'; duplicateOfRow: number }
  | { row: number; reason: 'existing'; companyId: string; leadId: string };
