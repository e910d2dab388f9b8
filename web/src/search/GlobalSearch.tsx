import { Autocomplete, Box, InputAdornment, ListSubheader, TextField } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { HitText } from './HitText';
import {
  hitPath,
  SEARCH_KINDS,
  useDebounced,
  useSearch,
  type SearchKind,
  type SearchResult,
} from './useSearch';

interface Option {
  kind: SearchKind;
  hit: SearchResult[SearchKind][number];
}

/** The app bar's search box: hits of every kind as the user types; Enter shows them all. */
export function GlobalSearch() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const settled = useDebounced(text);
  const { data, isFetching } = useSearch(settled, 5);
  const options: Option[] = data
    ? SEARCH_KINDS.flatMap((kind) => data[kind].map((hit) => ({ kind, hit })))
    : [];

  return (
    <Autocomplete<Option, false, false, true>
      freeSolo
      size="small"
      sx={{ width: { xs: 180, md: 320 }, mr: 1 }}
      options={options}
      loading={isFetching}
      filterOptions={(all) => all}
      groupBy={(option) => option.kind}
      getOptionLabel={(option) => (typeof option === 'string' ? option : '')}
      inputValue={text}
      onInputChange={(_event, value, reason) => {
        if (reason !== 'reset') setText(value);
      }}
      value={null}
      onChange={(_event, value) => {
        if (!value) return;
        if (typeof value === 'string') {
          if (value.trim()) void navigate(`/search?q=${encodeURIComponent(value.trim())}`);
        } else void navigate(hitPath(value.kind, value.hit));
        setText('');
      }}
      noOptionsText={translate('crm.search.noHits')}
      loadingText={translate('crm.search.searching')}
      renderGroup={(group) => (
        <li key={group.key}>
          <ListSubheader component="div">
            {translate(`crm.search.kinds.${group.group}`)}
          </ListSubheader>
          <ul style={{ padding: 0 }}>{group.children}</ul>
        </li>
      )}
      renderOption={({ key, ...props }, option) => (
        <Box component="li" key={key} {...props}>
          <HitText kind={option.kind} hit={option.hit} />
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          variant="outlined"
          margin="none"
          hiddenLabel
          placeholder={translate('crm.search.placeholder')}
          slotProps={{
            ...params.slotProps,
            htmlInput: {
              ...params.slotProps.htmlInput,
              'aria-label': translate('crm.search.label'),
            },
            input: {
              ...params.slotProps.input,
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
          sx={{ '& .MuiInputBase-root': { bgcolor: 'background.paper', borderRadius: 1, py: 0 } }}
        />
      )}
    />
  );
}
