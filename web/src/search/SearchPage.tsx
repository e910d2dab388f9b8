import {
  Card,
  CardContent,
  CardHeader,
  Grid,
  List,
  ListItem,
  ListItemButton,
  Typography,
} from '@mui/material';
import { Loading, Title, useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router-dom';
import { HitText } from './HitText';
import { hitPath, SEARCH_KINDS, useSearch } from './useSearch';

/** Every kind's hits for `?q=`, twenty of each. */
export function SearchPage() {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const { data, isPending } = useSearch(q, 20);
  return (
    <>
      <Title title={translate('crm.search.resultsFor', { q })} />
      {q && isPending ? <Loading /> : null}
      <Grid container spacing={2} sx={{ mt: 1 }}>
        {SEARCH_KINDS.map((kind) => (
          <Grid key={kind} size={{ xs: 12, md: 6 }}>
            <Card component="section" aria-labelledby={`search-${kind}`}>
              <CardHeader
                title={translate(`crm.search.kinds.${kind}`)}
                slotProps={{ title: { id: `search-${kind}`, component: 'h2', variant: 'h6' } }}
              />
              <CardContent>
                {data && data[kind].length === 0 ? (
                  <Typography color="text.secondary">{translate('crm.search.noHits')}</Typography>
                ) : (
                  <List dense>
                    {data?.[kind].map((hit) => (
                      <ListItem key={hit.id} disablePadding>
                        <ListItemButton component={Link} to={hitPath(kind, hit)}>
                          <HitText kind={kind} hit={hit} />
                        </ListItemButton>
                      </ListItem>
                    ))}
                  </List>
                )}
              </CardContent>
            </Card>
          </Grid>
        ))}
      </Grid>
    </>
  );
}
