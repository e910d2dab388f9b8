export const STAFF_ROLES = ['admin', 'manager', 'promoter', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'integration';

/** The authenticated caller of a request: a staff user (JWT) or a machine client (API key). */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  role: Role;
  /** The login session (refresh-token family) a user's access token belongs to. */
  sessionId?: string;
  email?: string;
  displayName?: string;
}
