import type { Schemas } from '../api/types';

export type CreatedLead = Schemas['CreatedLeadDto'];
export type LeadConflict = Schemas['LeadConflictDto'];
export type ConflictMatch = LeadConflict['match'];
export type ConflictResolution = Schemas['ResolveConflictDto']['resolution'];
export type ConvertLead = Schemas['ConvertLeadDto'];
export type ImportReport = Schemas['ImportReportDto'];

export type RejectedRow = ImportReport['rejected']['rows'][number];
export type RowError = RejectedRow['errors'][number];
export type ConflictRow = ImportReport['conflicts']['rows'][number];
export type DuplicateRow = ImportReport['duplicates']['rows'][number];
