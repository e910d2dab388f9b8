import { Box, Typography } from '@mui/material';
import { Login, LoginForm, useTranslate } from 'react-admin';

/** Sign-in with the park's name above the form; the e-mail is the user name. */
export function LoginPage() {
  const translate = useTranslate();
  return (
    <Login>
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
