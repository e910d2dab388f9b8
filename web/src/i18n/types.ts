/** A tree of translation strings (polyglot's `%{name}` placeholders, `||||` plurals). */
export interface Messages {
  [key: string]: string | Messages;
}

/** What each feature folder exports as `messages`: the same keys in both languages. */
export interface FeatureMessages {
  zh: Messages;
  en: Messages;
}

export type Locale = 'zh' | 'en';
