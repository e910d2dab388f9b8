import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  DateTimeInput,
  Form,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SaveButton,
  TextInput,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ApiError, formErrorsOf } from '../api/http';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Deal, SiteVisit } from '../api/types';
import { beijingWallClock, wallClockToIso } from './beijingTime';
import { PlaceInputs } from './PlaceInputs';
import { VisitClashAlert } from './VisitClashAlert';
import { dealLabel } from './useVisitLabels';
import { useProblemText } from '../common/useProblemText';

interface VisitFormValues {
  dealId: string;
  startsAt: string;
  endsAt: string;
  placeType: SiteVisit['placeType'];
  buildingId?: string | null;
  placeId?: string | null;
  placeLabel?: string | null;
  hostIds: string[];
  visitors?: string;
}

/** What the dialog opens on: a new visit (with a proposed time) or a visit to reschedule. */
export type VisitDraft =
  { kind: 'new'; startsAt: string; endsAt: string } | { kind: 'reschedule'; visit: SiteVisit };

const keepWallClock = (value: string | null | undefined) => value ?? '';

function endsAfterStart(value: string, values: VisitFormValues) {
  return value && values.startsAt && value <= values.startsAt
    ? 'crm.visits.endsBeforeStart'
    : undefined;
}

function toPayload(values: VisitFormValues) {
  const named = values.placeType === 'building' || values.placeType === 'unit';
  return {
    startsAt: wallClockToIso(values.startsAt),
    endsAt: wallClockToIso(values.endsAt),
    placeType: values.placeType,
    placeId: named ? values.placeId : null,
    placeLabel: values.placeLabel?.trim() || null,
    hostIds: values.hostIds,
    visitors: (values.visitors ?? '')
      .split('\n')
      .map((name) => name.trim())
      .filter(Boolean),
  };
}

function defaultValues(draft: VisitDraft, me: string | undefined): Partial<VisitFormValues> {
  if (draft.kind === 'new')
    return {
      startsAt: draft.startsAt,
      endsAt: draft.endsAt,
      placeType: 'computing_center',
      hostIds: me ? [me] : [],
    };
  const { visit } = draft;
  return {
    dealId: visit.dealId,
    startsAt: beijingWallClock(visit.startsAt),
    endsAt: beijingWallClock(visit.endsAt),
    placeType: visit.placeType,
    placeId: visit.placeId,
    placeLabel: visit.placeLabel,
    hostIds: visit.hostIds,
    visitors: visit.visitors.join('\n'),
  };
}

/** Deals the user may book a visit for: their own (all of them for an admin). */
function DealInput({ disabled }: { disabled: boolean }) {
  const { identity } = useGetIdentity();
  const filter = identity?.role === 'admin' ? {} : { ownerId: identity?.id };
  return (
    <ReferenceInput source="dealId" reference="deals" filter={filter} perPage={50}>
      <AutocompleteInput
        optionText={(deal: Deal) => dealLabel(deal)}
        filterToQuery={(q: string) => ({ q })}
        validate={required()}
        disabled={disabled}
      />
    </ReferenceInput>
  );
}

/** Books a visit, or reschedules one, warning of clashing hosts and places before saving. */
export function ScheduleVisitDialog({
  draft,
  onClose,
  onSaved,
}: {
  draft: VisitDraft;
  onClose: () => void;
  /** Called with the booked or rescheduled visit. */
  onSaved: (visit: SiteVisit) => void;
}) {
  const translate = useTranslate();
  const problemText = useProblemText();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const { identity } = useGetIdentity();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const visit = draft.kind === 'reschedule' ? draft.visit : undefined;

  const save = async (values: Record<string, unknown>) => {
    const form = values as unknown as VisitFormValues;
    setFailure(null);
    try {
      const { data: saved } = visit
        ? await dataProvider.update<SiteVisit>('site-visits', {
            id: visit.id,
            data: toPayload(form),
            previousData: visit,
          })
        : await dataProvider.create<SiteVisit>('site-visits', {
            data: { dealId: form.dealId, ...toPayload(form) },
          });
      notify(visit ? 'crm.visits.rescheduled' : 'crm.visits.scheduled', { type: 'success' });
      refresh();
      onSaved(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error);
      return formErrorsOf(error.problem);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="schedule-visit-title" fullWidth maxWidth="sm">
      <Form
        onSubmit={save}
        defaultValues={defaultValues(draft, identity?.id ? String(identity.id) : undefined)}
        resource="site-visits"
      >
        <DialogTitle id="schedule-visit-title">
          {translate(visit ? 'crm.visits.rescheduleTitle' : 'crm.visits.scheduleTitle')}
        </DialogTitle>
        <DialogContent>
          <DealInput disabled={!!visit} />
          <DateTimeInput
            source="startsAt"
            label="crm.visits.startsAtBeijing"
            format={keepWallClock}
            validate={required()}
          />
          <DateTimeInput
            source="endsAt"
            label="crm.visits.endsAtBeijing"
            format={keepWallClock}
            validate={[required(), endsAfterStart]}
          />
          <PlaceInputs />
          <ReferenceArrayInput source="hostIds" reference="users" perPage={200}>
            <AutocompleteArrayInput
              optionText="displayName"
              filterToQuery={(q: string) => ({ q })}
              validate={required()}
            />
          </ReferenceArrayInput>
          <TextInput source="visitors" multiline minRows={2} helperText="crm.visits.visitorsHelp" />
          <VisitClashAlert visitId={visit?.id} />
          {failure ? (
            <Alert severity="error" sx={{ mt: 1 }}>
              {problemText(failure.problem, 'site-visits')}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('crm.common.cancel')}</Button>
          <SaveButton alwaysEnable />
        </DialogActions>
      </Form>
    </Dialog>
  );
}
