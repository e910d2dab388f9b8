import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Action, SubjectType } from './abilities';

export const AUTH_DECISION = 'park-crm:auth-decision';

/** What a route requires: nothing (public), any authenticated caller, or a permission. */
export type AuthDecision =
  | { kind: 'public' }
  | { kind: 'authenticated'; apiKeys: boolean }
  | { kind: 'permission'; action: Action; subject: Exclude<SubjectType, 'all'> };

const documented = (decision: AuthDecision) =>
  applyDecorators(
    SetMetadata(AUTH_DECISION, decision),
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid access token or API key' }),
    ApiForbiddenResponse({ description: 'FORBIDDEN: the caller’s role does not allow this' }),
  );

/** Open to anyone: login, token refresh, health. */
export const Public = () => SetMetadata(AUTH_DECISION, { kind: 'public' } satisfies AuthDecision);

/** Any signed-in staff user, whatever its role; machine clients (API keys) only where `apiKeys` says so. */
export const Authenticated = (options: { apiKeys?: boolean } = {}) =>
  documented({ kind: 'authenticated', apiKeys: options.apiKeys ?? false });

/** The caller's role must allow `action` on `subject`; services then check the object itself. */
export const Authorize = (action: Action, subject: Exclude<SubjectType, 'all'>) =>
  documented({ kind: 'permission', action, subject });
