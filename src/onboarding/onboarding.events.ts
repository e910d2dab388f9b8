/** Emitted (and awaited, inside the transaction) when someone starts working an onboarding task. */
export const ONBOARDING_TASK_STARTED = 'onboarding.task-started';

export interface OnboardingTaskStarted {
  taskId: string;
  code: string;
  trackId: string;
  dealId: string;
  companyId: string;
}
