import RocketLaunchIcon from '@mui/icons-material/RocketLaunch';

/** Onboarding tracks: a signed firm's checklist to tenancy. */
export const onboardingTracks = { icon: RocketLaunchIcon };
export const onboardingTemplates = { recordRepresentation: 'name' };
