/** The signed-in session: tokens kept in localStorage so a reload stays signed in. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: 'admin' | 'manager' | 'promoter' | 'viewer';
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'park-crm.session';

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}
