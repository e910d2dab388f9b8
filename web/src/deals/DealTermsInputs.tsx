import {
  DateInput,
  NumberInput,
  regex,
  TextInput,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { formatMoney } from '../common/format';

const YUAN = /^\d{1,16}(\.\d{1,2})?$/;
const AREA = /^\d{1,10}(\.\d{1,2})?$/;

/** Yuan as the API takes them (a decimal string), read back in 万元 as the user types. */
function YuanInput({ source }: { source: string }) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const value = useWatch({ name: source }) as string | null | undefined;
  return (
    <TextInput
      source={source}
      validate={regex(YUAN, 'crm.deals.form.yuanFormat')}
      helperText={
        value && YUAN.test(value)
          ? formatMoney(value, locale)
          : translate('crm.deals.form.yuanHint')
      }
    />
  );
}

/** The expected figures of a deal (DealTermsDto), for create and edit. */
export function DealTermsInputs() {
  return (
    <>
      <YuanInput source="expectedInvestment" />
      <YuanInput source="expectedAnnualRevenue" />
      <TextInput
        source="expectedArea"
        validate={regex(AREA, 'crm.deals.form.areaFormat')}
        helperText="crm.deals.form.areaHint"
      />
      <NumberInput source="expectedComputeCardHours" min={0} step={1} />
      <DateInput source="targetMoveInDate" />
    </>
  );
}
