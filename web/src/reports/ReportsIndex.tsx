import DownloadIcon from '@mui/icons-material/Download';
import {
  Box,
  Button,
  Card,
  CardActionArea,
  CardContent,
  Grid,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { beijingDay } from '../common/format';
import { REPORT_KEYS, reportMessageKey } from './definitions';
import { useDownload } from './DownloadButtons';
import { yearChoices } from './FilterBar';

/** The monthly leadership pack: every report of a month as one XLSX workbook. */
function LeadershipPack() {
  const translate = useTranslate();
  const today = beijingDay(new Date());
  // The last whole month by default.
  const [year, setYear] = useState(() =>
    today.slice(5, 7) === '01' ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4)),
  );
  const [month, setMonth] = useState(() =>
    today.slice(5, 7) === '01' ? 12 : Number(today.slice(5, 7)) - 1,
  );
  const { busy, run } = useDownload();
  return (
    <Card component="section" aria-labelledby="leadership-pack" sx={{ mt: 3 }}>
      <CardContent>
        <Typography id="leadership-pack" variant="h6" component="h2">
          {translate('crm.reports.pack.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {translate('crm.reports.pack.description')}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField
            select
            size="small"
            label={translate('crm.reports.filters.year')}
            value={year}
            onChange={(event) => setYear(Number(event.target.value))}
            sx={{ minWidth: 100 }}
          >
            {yearChoices(Number(today.slice(0, 4)), year).map((y) => (
              <MenuItem key={y} value={y}>
                {y}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={translate('crm.reports.filters.month')}
            value={month}
            onChange={(event) => setMonth(Number(event.target.value))}
            sx={{ minWidth: 100 }}
          >
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <MenuItem key={m} value={m}>
                {translate('crm.reports.monthN', { n: m })}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="contained"
            startIcon={<DownloadIcon />}
            disabled={busy !== null}
            onClick={() => void run('pack', '/reports/leadership-pack', { year, month })}
          >
            {translate('crm.reports.pack.download')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}

/** The reports, each with a sentence on what it shows, and the monthly leadership pack. */
export function ReportsIndex() {
  const translate = useTranslate();
  return (
    <Box sx={{ my: 2 }}>
      <Title title="crm.menu.reports" />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {translate('crm.reports.indexTitle')}
      </Typography>
      <Grid container spacing={2}>
        {REPORT_KEYS.map((key) => (
          <Grid key={key} size={{ xs: 12, sm: 6, lg: 3 }}>
            <Card sx={{ height: '100%' }}>
              <CardActionArea component={Link} to={`/reports/${key}`} sx={{ height: '100%' }}>
                <CardContent>
                  <Typography variant="h6" component="h2">
                    {translate(`crm.reports.names.${reportMessageKey(key)}`)}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {translate(`crm.reports.descriptions.${reportMessageKey(key)}`)}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        ))}
      </Grid>
      <LeadershipPack />
    </Box>
  );
}
