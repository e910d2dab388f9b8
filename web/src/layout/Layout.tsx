import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, TitlePortal, ToggleThemeButton } from 'react-admin';
import { Box } from '@mui/material';
import { GlobalSearch } from '../search/GlobalSearch';
import { NotificationsBell } from '../notifications/NotificationsBell';
import { LanguageMenu } from './LanguageMenu';
import { CrmMenu } from './Menu';
import { PhoneCards } from './PhoneCards';
import { useDocumentLanguage } from './useDocumentLanguage';

function CrmAppBar() {
  return (
    <AppBar
      toolbar={
        <>
          <LanguageMenu />
          <ToggleThemeButton />
        </>
      }
    >
      <TitlePortal />
      <Box sx={{ flex: 1 }} />
      <GlobalSearch />
      <NotificationsBell />
    </AppBar>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  useDocumentLanguage();
  return (
    <RaLayout appBar={CrmAppBar} menu={CrmMenu}>
      <PhoneCards />
      {children}
    </RaLayout>
  );
}
