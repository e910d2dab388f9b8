import { ListItemText } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { SearchKind, SearchResult } from './useSearch';

type Hit = SearchResult[SearchKind][number];

/** A hit's main line and its context (credit code, company, stage, status). */
export function HitText({ kind, hit }: { kind: SearchKind; hit: Hit }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  let primary = '';
  let secondary: string | null = null;
  if (kind === 'companies' && 'creditCode' in hit) {
    primary = hit.name;
    secondary = [hit.creditCode, translate(`crm.enums.companyStatus.${hit.status}`)]
      .filter(Boolean)
      .join(' · ');
  } else if (kind === 'deals' && 'stageName' in hit) {
    primary = hit.title;
    secondary = `${hit.companyName} · ${locale === 'en' ? hit.stageNameEn : hit.stageName}`;
  } else if (kind === 'leads' && 'status' in hit && 'companyName' in hit) {
    primary = hit.companyName;
    secondary = translate(`crm.enums.leadStatus.${hit.status}`);
  } else if (kind === 'contacts' && 'name' in hit && 'companyName' in hit) {
    primary = hit.name;
    secondary = [hit.title, hit.companyName].filter(Boolean).join(' · ');
  }
  return <ListItemText primary={primary} secondary={secondary} />;
}
