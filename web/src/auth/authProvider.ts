import type { AuthProvider } from 'react-admin';
import { api, ApiError, API_BASE } from '../api/http';
import { readSession, writeSession, type Session, type SessionUser } from '../api/session';
import { abilityFrom, allows, type CrmAbility } from './ability';

interface LoginAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

let abilityOf: { userId: string; ability: Promise<CrmAbility> } | null = null;

/** The signed-in user's abilities, read once per session from `auth/me`. */
export function currentAbility(): Promise<CrmAbility> {
  const session = readSession();
  if (!session) return Promise.resolve(abilityFrom([]));
  if (abilityOf?.userId !== session.user.id) {
    const ability = api<{ permissions: unknown[] }>('GET', '/auth/me').then((me) =>
      abilityFrom(me.permissions),
    );
    abilityOf = { userId: session.user.id, ability };
    ability.catch(() => (abilityOf = null));
  }
  return abilityOf.ability;
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch(`${API_BASE}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: username.trim(), password }),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => null)) as { code?: string } | null;
      throw new Error(`crm.errors.${problem?.code ?? 'INVALID_CREDENTIALS'}`);
    }
    const answer = (await response.json()) as LoginAnswer;
    const session: Session = {
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAt: Date.now() + answer.expiresIn * 1000,
      user: answer.user,
    };
    abilityOf = null;
    writeSession(session);
  },

  async logout() {
    const session = readSession();
    writeSession(null);
    abilityOf = null;
    if (session)
      await fetch(`${API_BASE}/auth/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      }).catch(() => undefined);
  },

  async checkAuth() {
    if (!readSession()) throw new Error('crm.auth.signedOut');
  },

  async checkError(error: unknown) {
    if (error instanceof ApiError && error.status === 401) {
      writeSession(null);
      throw new Error('crm.auth.sessionExpired');
    }
  },

  async getIdentity() {
    const session = readSession();
    if (!session) throw new Error('crm.auth.signedOut');
    const { id, displayName, email, role } = session.user;
    return { id, fullName: displayName, email, role };
  },

  async getPermissions() {
    return readSession()?.user.role ?? null;
  },

  async canAccess({ action, resource, record }) {
    return allows(await currentAbility(), action, resource, record);
  },
};
