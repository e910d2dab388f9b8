import type { ReactNode } from 'react';
import { Title, useCanAccess, useTranslate } from 'react-admin';
import { Alert, Card, CardContent, Typography } from '@mui/material';

/**
 * Admins' screens: anyone else sees why they cannot use it (staff may read users through the
 * API, for the pickers, but managing them is for admins).
 */
export function AdminOnly({
  resource,
  title,
  children,
}: {
  resource: string;
  title: string;
  children: ReactNode;
}) {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ action: 'create', resource });
  if (isPending) return null;
  if (canAccess) return <>{children}</>;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={title} />
      <CardContent>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {translate(title)}
        </Typography>
        <Alert severity="warning">{translate('crm.admin.denied')}</Alert>
      </CardContent>
    </Card>
  );
}
