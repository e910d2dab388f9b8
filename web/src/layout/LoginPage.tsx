import { Box, Typography } from '@mui/material';
import { Login, LoginForm, useTranslate } from 'react-admin';
import { LanguageMenu } from './LanguageMenu';
import { useDocumentLanguage } from './useDocumentLanguage';

/** Sign-in with the park's name above the form, and the language switch; the e-mail is the user name. */
export function LoginPage() {
  const translate = useTranslate();
  useDocumentLanguage();
  return (
    <Login>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1 }}>
        <LanguageMenu />
      </Box>
      <Box sx={{ px: 2, pt: 1, textAlign: 'center' }}>
        <Typography variant="h6" component="h1">
          {translate('crm.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('crm.auth.tagline')}
        </Typography>
      </Box>
      <LoginForm />
    </Login>
  );
}
