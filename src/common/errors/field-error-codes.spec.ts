import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../../web/src/i18n/common-messages';
import { FIELD_ERROR_CODES } from './field-error-codes';

const SRC = join(__dirname, '..', '..');

/** The modules of src/ that declare class-validator constraints (specs aside). */
function sourceModules(folder = SRC): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceModules(path);
    const declares =
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.spec.ts') &&
      readFileSync(path, 'utf8').includes("from 'class-validator'");
    return declares ? [path] : [];
  });
}

/** The names of the class-validator constraints the app's classes declare: their error codes. */
function constraintNames(): Set<string> {
  // Loading each module runs its decorators, which fill class-validator's metadata storage.
  sourceModules().forEach((path) => jest.requireActual(path));
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, { type: string; name?: string; constraintCls: unknown }[]>;
    constraintMetadatas: Map<unknown, { name: string }[]>;
  };
  const names = new Set(['whitelistValidation', 'nestedValidation']);
  for (const list of storage.validationMetadatas.values()) {
    for (const metadata of list) {
      if (metadata.type === 'conditionalValidation' || metadata.type === 'nestedValidation')
        continue;
      const constraint = storage.constraintMetadatas.get(metadata.constraintCls)?.[0]?.name;
      const name = metadata.name ?? constraint;
      if (name) names.add(name);
    }
  }
  return names;
}

describe('field-error codes', () => {
  const codes = [...constraintNames(), ...FIELD_ERROR_CODES];

  it('finds the constraints of the DTOs (a sanity check of the scan)', () => {
    expect(codes).toEqual(
      expect.arrayContaining(['isString', 'isUuid', 'maxLength', 'isIn', 'credit_code_check']),
    );
  });

  it.each(['zh', 'en'] as const)('are each translated in the %s web admin', (locale) => {
    const translated = (messages[locale].crm as { fieldErrors?: Record<string, unknown> })
      .fieldErrors;
    const missing = codes.filter(
      (code) => typeof translated?.[code] !== 'string' || translated[code] === '',
    );
    expect(missing).toEqual([]);
  });
});
