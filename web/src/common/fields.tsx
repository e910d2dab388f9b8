import { useLocaleState, useRecordContext, type FieldProps } from 'react-admin';
import { Typography } from '@mui/material';
import { formatArea, formatCardHours, formatDate, formatDateTime, formatMoney } from './format';

type Formatter = (value: never, locale: string) => string;

function makeField(format: Formatter) {
  return function FormattedField({ source }: FieldProps & { source: string }) {
    const record = useRecordContext();
    const [locale] = useLocaleState();
    const value = record?.[source] as never;
    return (
      <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {format(value, locale)}
      </Typography>
    );
  };
}

/** Money in yuan (万元 in Chinese). */
export const MoneyField = makeField(formatMoney);
/** Area in square metres. */
export const AreaField = makeField(formatArea);
/** Card-hours a month. */
export const CardHoursField = makeField(formatCardHours);
/** A date in Beijing time. */
export const BeijingDateField = makeField(formatDate);
/** A date and time in Beijing time. */
export const BeijingDateTimeField = makeField(formatDateTime);
