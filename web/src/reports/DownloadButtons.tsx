import DownloadIcon from '@mui/icons-material/Download';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { download, type RequestOptions } from '../api/http';

/** Downloads an API file (CSV, XLSX) through the session's token, under the server's file name. */
export function useDownload() {
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, path: string, query: RequestOptions['query']) => {
    setBusy(key);
    try {
      await download(path, { query });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/** Download CSV / Download XLSX of a report with its current period and filters. */
export function DownloadButtons({
  path,
  query,
}: {
  path: string;
  query: Record<string, string | number | undefined>;
}) {
  const translate = useTranslate();
  const { busy, run } = useDownload();
  return (
    <Stack direction="row" spacing={1}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          variant="outlined"
          size="small"
          startIcon={<DownloadIcon />}
          disabled={busy !== null}
          onClick={() => void run(format, path, { ...query, format })}
        >
          {translate(`crm.reports.download.${format}`)}
        </Button>
      ))}
    </Stack>
  );
}
