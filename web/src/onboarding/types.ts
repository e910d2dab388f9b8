import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type Track = Schemas['OnboardingTrackDto'];
export type TrackTask = Schemas['OnboardingTaskDto'];
export type TaskStatus = TrackTask['status'];
export type Template = Schemas['OnboardingTemplateDto'];
export type TemplateTask = Schemas['TemplateTaskDto'];
