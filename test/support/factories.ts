import { randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter } from '../../src/companies/credit-code';
import type { TestApp } from './test-app';

let sequence = 0;

/** A valid unified social credit code, different on each call. */
export function newCreditCode(): string {
  const serial =
    String(Date.now() % 1e6).padStart(6, '0') + String(++sequence % 1000).padStart(3, '0');
  const body = `91110109${serial}`.slice(0, 17);
  return body + creditCodeCheckCharacter(body);
}

/** A firm name of the park's kind, different on each call. */
export function newCompanyName(): string {
  const words = [
    '星河',
    '智谱',
    '京西',
    '昇腾',
    '天枢',
    '九章',
    '灵犀',
    '澜舟',
    '深度',
    '云图',
    '北辰',
    '青云',
  ];
  const pick = () => words[Math.floor(Math.random() * words.length)];
  return `北京${pick()}${pick()}${randomUUID().slice(0, 4)}智能科技有限公司`;
}

/** A new staff user and their access token. */
/** The password of the users newUser creates. */
export const NEW_USER_PASSWORD = 'a-long-password';

export async function newUser(
  t: TestApp,
  role: 'promoter' | 'manager' | 'viewer' | 'admin' = 'promoter',
) {
  const email = `${role}-${randomUUID().slice(0, 8)}@demo.park`;
  const created = await t.request('POST', '/api/v1/users', {
    token: await t.tokenFor('admin'),
    body: {
      email,
      displayName: `${role} ${email.slice(0, 12)}`,
      role,
      password: NEW_USER_PASSWORD,
    },
  });
  if (created.status !== 201) throw new Error(`creating ${email}: ${created.text}`);
  const login = await t.login(email, NEW_USER_PASSWORD);
  return { id: created.body.id as string, email, token: login.body.accessToken as string };
}

export async function newLead(
  t: TestApp,
  token: string,
  company: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  const response = await t.request('POST', '/api/v1/leads', {
    token,
    body: { source: 'inbound', company: { name: newCompanyName(), ...company }, ...extra },
  });
  if (response.status !== 201) throw new Error(`creating a lead: ${response.text}`);
  return response.body;
}
