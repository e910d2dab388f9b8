import type { ClsStore } from 'nestjs-cls';

/** Who is acting in this request: written by the auth guard, read by the audit log. */
export interface RequestActor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
}

export interface RequestStore extends ClsStore {
  actor?: RequestActor;
}

export const SYSTEM_ACTOR: RequestActor = { type: 'system', id: null };
