import type { FeatureMessages } from '../i18n/types';

export const messages: FeatureMessages = {
  zh: {
    crm: {
      search: {
        label: '全局搜索',
        placeholder: '搜索企业、项目、线索、联系人',
        searching: '正在搜索…',
        noHits: '没有匹配的结果',
        resultsFor: '“%{q}”的搜索结果',
        kinds: { companies: '企业', deals: '招商项目', leads: '线索', contacts: '联系人' },
      },
    },
  },
  en: {
    crm: {
      search: {
        label: 'Search everything',
        placeholder: 'Search companies, deals, leads, contacts',
        searching: 'Searching…',
        noHits: 'No matches',
        resultsFor: 'Results for “%{q}”',
        kinds: { companies: 'Companies', deals: 'Deals', leads: 'Leads', contacts: 'Contacts' },
      },
    },
  },
};
