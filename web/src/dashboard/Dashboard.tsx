import { Card, CardContent, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';

export function Dashboard() {
  const translate = useTranslate();
  return (
    <Card>
      <Title title="crm.menu.dashboard" />
      <CardContent>
        <Typography variant="h5" component="h1">
          {translate('crm.title')}
        </Typography>
      </CardContent>
    </Card>
  );
}
