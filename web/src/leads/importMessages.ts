/**
 * The importer's row messages (`lead-import.service.ts`, `credit-code.ts`) carry no code, so they
 * are recognised by their wording to be shown translated; any other message is shown as sent.
 */
const ROW_MESSAGES: [RegExp, string][] = [
  [/^is required$/, 'required'],
  [/^is longer than (?<max>\d+) characters$/, 'tooLong'],
  [/^"(?<value>.*)" is not a known source$/, 'unknownSource'],
  [/^"(?<value>.*)" is not a known AI segment$/, 'unknownSegment'],
  [/^is not a phone number$/, 'phone'],
  [/^is not an e-mail address$/, 'email'],
  [/^is required with a phone, e-mail or WeChat$/, 'contactName'],
  [/^must be 18 characters$/, 'creditCodeLength'],
  [/^may hold only digits and capital letters/, 'creditCodeCharacters'],
  [/^has a wrong check character/, 'creditCodeCheck'],
];

/** The translation key and its arguments for a row message, or null for one not known here. */
export function rowMessageKey(
  message: string,
): { key: string; args: Record<string, string> } | null {
  for (const [pattern, name] of ROW_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return { key: `crm.leads.import.rowMessages.${name}`, args: { ...match.groups } };
  }
  return null;
}
