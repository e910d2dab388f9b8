import type { components } from './schema';

/** The API's response and request shapes, generated from its OpenAPI document. */
export type Schemas = components['schemas'];
export type Company = Schemas['CompanyDto'];
export type CompanyMatch = Schemas['CompanyMatchDto'];
export type Contact = Schemas['ContactDto'];
export type Lead = Schemas['LeadDto'];
export type Deal = Schemas['DealDto'];
export type Stage = Schemas['StageDto'];
export type Board = Schemas['BoardDto'];
export type BoardColumn = Schemas['BoardColumnDto'];
export type BoardCard = Schemas['BoardCardDto'];
export type StageHistory = Schemas['StageHistoryDto'];
export type SiteVisit = Schemas['SiteVisitDto'];
export type Task = Schemas['TaskDto'];
export type Notification = Schemas['NotificationDto'];
export type NotificationGroup = Schemas['NotificationGroupDto'];
export type User = Schemas['UserDto'];
