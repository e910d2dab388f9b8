import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (password: string): Promise<string> => hash(password);

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

/** Verified against when the account does not exist, so that both failures take the same time. */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> =>
  (decoyHash ??= hash('decoy-password-for-timing'));

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Lower-cased passwords of 10+ characters that lead the breach lists; refused as they are. */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'a1234567890',
  'abc1234567',
  'abcd123456',
  'admin12345',
  'admin123456',
  'administrator',
  'changeme123',
  'iloveyou123',
  'letmein123',
  'p@ssw0rd123',
  'passw0rd123',
  'password01',
  'password12',
  'password123',
  'password1234',
  'password!23',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'qwertyuiop',
  'qwertyuiop123',
  'welcome123',
  'woaini1314',
  'zaq12wsxcde',
]);

const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

export interface PasswordOwner {
  email?: string | null;
  displayName?: string | null;
}

/**
 * Why a new password is refused, or null when it is acceptable: at least 10 characters, at least
 * two kinds of characters (lower case, upper case, digits, others such as symbols or 汉字), not
 * a common password, and not containing the user's e-mail (or its part before the @) or name.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (CHARACTER_CLASSES.filter((kind) => kind.test(password)).length < 2)
    return 'password must mix at least two kinds of characters (lower case, upper case, digits, symbols)';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2)
    return 'password is too common or too easy to guess';
  const email = owner.email?.trim().toLowerCase() ?? '';
  const personal = [email, email.split('@')[0], owner.displayName?.trim().toLowerCase() ?? ''];
  if (personal.some((part) => [...part].length >= 4 && lower.includes(part)))
    return 'password must not contain your e-mail address or name';
  return null;
}
