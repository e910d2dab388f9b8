import RocketLaunchIcon from '@mui/icons-material/RocketLaunch';
import { TemplateList, TemplateShow } from './TemplatePages';
import { TrackList } from './TrackList';
import { TrackShow } from './TrackShow';

export { DealOnboarding } from './DealOnboarding';

/** Onboarding tracks: a signed firm's checklist to tenancy. */
export const onboardingTracks = {
  list: TrackList,
  show: TrackShow,
  icon: RocketLaunchIcon,
  recordRepresentation: 'companyName',
};
export const onboardingTemplates = {
  list: TemplateList,
  show: TemplateShow,
  recordRepresentation: 'name',
};
