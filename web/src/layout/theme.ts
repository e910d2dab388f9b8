import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Segoe UI"',
  'Roboto',
  'sans-serif',
].join(',');

export const theme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#1565c0' },
    secondary: { main: '#0d47a1' },
    // Darker than MUI's defaults, so white text on a chip and coloured text on white or grey
    // meet WCAG AA (4.5:1).
    error: { main: '#b71c1c' },
    warning: { main: '#b45309' },
    info: { main: '#01579b' },
    success: { main: '#2e7d32' },
  },
  typography: { fontFamily },
};

export const darkTheme: RaThemeOptions = { ...defaultDarkTheme, typography: { fontFamily } };
