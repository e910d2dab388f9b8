import { Alert, AlertTitle, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  Link,
  RecordContextProvider,
  useGetIdentity,
  useTranslate,
  type Identifier,
} from 'react-admin';
import type { CompanyMatch } from '../api/types';
import { UserField } from '../common/users';
import { useCompanyMatches } from './useCompanyMatches';

function MatchOwner({ match }: { match: CompanyMatch }) {
  const translate = useTranslate();
  if (!match.company.ownerId) return <>{translate('crm.leads.duplicates.noOwner')}</>;
  return (
    <RecordContextProvider value={match.company}>
      <UserField source="ownerId" />
    </RecordContextProvider>
  );
}

function MatchItem({ match }: { match: CompanyMatch }) {
  const translate = useTranslate();
  return (
    <ListItem disableGutters sx={{ py: 0 }}>
      <ListItemText
        primary={
          <>
            <Link to={`/companies/${match.company.id}/show`} target="_blank">
              {match.company.name}
            </Link>
            {match.company.creditCode ? ` · ${match.company.creditCode}` : ''}
          </>
        }
        secondary={
          <>
            {translate(`crm.enums.conflictMatch.${match.match}`)}
            {' · '}
            {translate('crm.leads.duplicates.similarity', {
              percent: Math.round(match.similarity * 100),
            })}
            {' · '}
            {translate('crm.leads.duplicates.owner')}
            <MatchOwner match={match} />
          </>
        }
      />
    </ListItem>
  );
}

/** What saving would do with these matches: a conflict when another promoter owns one. */
function outcomeMessage(matches: CompanyMatch[], me: Identifier | undefined): string {
  const ownedByOther = matches.some((m) => m.company.ownerId && m.company.ownerId !== me);
  return ownedByOther ? 'crm.leads.duplicates.willConflict' : 'crm.leads.duplicates.willReuse';
}

/** Live warning, while a firm's name or credit code is typed, about companies already on file. */
export function DuplicateWarning() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const name = useWatch({ name: 'company.name' }) as string | undefined;
  const creditCode = useWatch({ name: 'company.creditCode' }) as string | undefined;
  const matches = useCompanyMatches(name, creditCode);
  if (matches.length === 0) return null;
  return (
    <Alert severity="warning" role="status" aria-live="polite" sx={{ width: '100%', mb: 2 }}>
      <AlertTitle>
        {translate('crm.leads.duplicates.title', { smart_count: matches.length })}
      </AlertTitle>
      <List dense disablePadding aria-label={translate('crm.leads.duplicates.listLabel')}>
        {matches.map((match) => (
          <MatchItem key={match.company.id} match={match} />
        ))}
      </List>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {translate(outcomeMessage(matches, identity?.id))}
      </Typography>
    </Alert>
  );
}
