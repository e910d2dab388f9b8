import { useEffect } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';

/** The browser tab's title and the page's language follow the interface's language. */
export function useDocumentLanguage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  useEffect(() => {
    document.title = translate('crm.title');
    document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
  }, [translate, locale]);
}
