import { Box, Button, Menu, MenuItem } from '@mui/material';
import TranslateIcon from '@mui/icons-material/Translate';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useState } from 'react';
import { useLocaleState, useLocales, useTranslate } from 'react-admin';

/** The language switch, labelled for screen readers (react-admin's own leaves its label empty). */
export function LanguageMenu() {
  const translate = useTranslate();
  const locales = useLocales();
  const [locale, setLocale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const current = locales.find((candidate) => candidate.locale === locale)?.name ?? locale;
  return (
    <>
      <Button
        color="inherit"
        aria-label={translate('crm.language.label', { language: current })}
        aria-haspopup="menu"
        aria-controls={anchor ? 'language-menu' : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        startIcon={<TranslateIcon />}
        endIcon={<ExpandMoreIcon fontSize="small" />}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ minWidth: 0, whiteSpace: 'nowrap', '& .MuiButton-endIcon': { ml: { xs: 0, sm: 1 } } }}
      >
        {/* On a phone, the icon alone: the app bar has no room for the language's name. */}
        <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
          {current}
        </Box>
      </Button>
      <Menu id="language-menu" anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {locales.map((candidate) => (
          <MenuItem
            key={candidate.locale}
            lang={candidate.locale === 'en' ? 'en' : 'zh-CN'}
            selected={candidate.locale === locale}
            onClick={() => {
              setAnchor(null);
              void setLocale(candidate.locale);
            }}
          >
            {candidate.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
