import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import englishMessages from 'ra-language-english';
import { messages as admin } from '../admin/messages';
import { messages as companies } from '../companies/messages';
import { messages as compute } from '../compute/messages';
import { messages as dashboard } from '../dashboard/messages';
import { messages as deals } from '../deals/messages';
import { messages as incentives } from '../incentives/messages';
import { messages as leads } from '../leads/messages';
import { messages as notifications } from '../notifications/messages';
import { messages as onboarding } from '../onboarding/messages';
import { messages as reports } from '../reports/messages';
import { messages as search } from '../search/messages';
import { messages as siteVisits } from '../site-visits/messages';
import { messages as spaces } from '../spaces/messages';
import { messages as tasks } from '../tasks/messages';
import { messages as common } from './common-messages';
import { chineseMessages } from './ra-zh';
import type { FeatureMessages, Locale, Messages } from './types';

const FEATURES: FeatureMessages[] = [
  common,
  dashboard,
  companies,
  compute,
  leads,
  deals,
  siteVisits,
  tasks,
  notifications,
  search,
  reports,
  spaces,
  onboarding,
  incentives,
  admin,
];

function isTree(value: unknown): value is Messages {
  return typeof value === 'object' && value !== null;
}

export function mergeMessages(...trees: Messages[]): Messages {
  const merged: Messages = {};
  for (const tree of trees)
    for (const [key, value] of Object.entries(tree)) {
      const existing = merged[key];
      merged[key] = isTree(existing) && isTree(value) ? mergeMessages(existing, value) : value;
    }
  return merged;
}

export const MESSAGES: Record<Locale, Messages> = {
  zh: mergeMessages(chineseMessages, ...FEATURES.map((feature) => feature.zh)),
  en: mergeMessages(
    englishMessages as unknown as Messages,
    ...FEATURES.map((feature) => feature.en),
  ),
};

const LOCALE_KEY = 'park-crm.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === 'en' ? 'en' : 'zh';
}

/** Chinese by default; the choice of language is remembered in the browser. */
export const i18nProvider = polyglotI18nProvider(
  (locale) => {
    if (locale === 'zh' || locale === 'en') localStorage.setItem(LOCALE_KEY, locale);
    document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
    return MESSAGES[locale === 'en' ? 'en' : 'zh'] as unknown as TranslationMessages;
  },
  initialLocale(),
  [
    { locale: 'zh', name: '中文' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: false },
);
