import type { FeatureMessages } from '../i18n/types';

export const messages: FeatureMessages = {
  zh: {},
  en: {},
};
