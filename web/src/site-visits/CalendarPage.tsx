import { useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Calendar,
  dayjsLocalizer,
  type DateLocalizer,
  type Formats,
  type SlotInfo,
  type View,
} from 'react-big-calendar';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import {
  Box,
  Button,
  Card,
  MenuItem,
  Stack,
  TextField,
  type Theme,
  Typography,
  useMediaQuery,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import {
  Title,
  useCanAccess,
  useGetIdentity,
  useGetList,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import type { SiteVisit, User } from '../api/types';
import { calendarWallClock, fromCalendarDate, toCalendarDate } from './beijingTime';
import { ScheduleVisitDialog, type VisitDraft } from './ScheduleVisitDialog';
import { VisitDetailDialog } from './VisitDetailDialog';
import { dealLabel, usePlaceName, useVisitDeals } from './useVisitLabels';
import { useCalendarAria } from './useCalendarAria';
import { STATUS_COLOURS } from './visitStatus';

const localizer = dayjsLocalizer(dayjs);
const VIEWS: View[] = ['week', 'day', 'agenda'];
/** Day headings as plain text: the library's `columnheader` has no table around it in these views. */
/** An agenda line's visit as a button (the line's cell opens it; a tap or Enter reaches it). */
function AgendaEvent({ title }: { title: string }) {
  return (
    <Box
      component="button"
      type="button"
      sx={{ all: 'unset', cursor: 'pointer', '&:focus-visible': { outline: '2px solid' } }}
    >
      {title}
    </Box>
  );
}

const CALENDAR_COMPONENTS = {
  header: ({ label }: { label: ReactNode }) => <span>{label}</span>,
  agenda: { event: AgendaEvent },
};
const AGENDA_DAYS = 30;
const ALL_HOSTS = 'all';

interface VisitEvent {
  title: string;
  start: Date;
  end: Date;
  resource: SiteVisit;
}

type Range = { start: Date; end: Date };

const timeRange = ({ start, end }: Range, culture?: string, local?: DateLocalizer) =>
  `${local!.format(start, 'HH:mm', culture)} – ${local!.format(end, 'HH:mm', culture)}`;

/** Headers as each language writes dates (12月1日 周二 / Tue 1 Dec), times on the 24-hour clock. */
const FORMATS: Record<'zh-cn' | 'en', Formats> = {
  'zh-cn': {
    dayFormat: 'M月D日 ddd',
    dayHeaderFormat: 'YYYY年M月D日 dddd',
    dayRangeHeaderFormat: ({ start, end }: Range, culture, local) =>
      `${local!.format(start, 'YYYY年M月D日', culture)} – ${local!.format(end, 'M月D日', culture)}`,
    agendaHeaderFormat: ({ start, end }: Range, culture, local) =>
      `${local!.format(start, 'YYYY年M月D日', culture)} – ${local!.format(end, 'M月D日', culture)}`,
    agendaDateFormat: 'M月D日 ddd',
    timeGutterFormat: 'HH:mm',
    eventTimeRangeFormat: timeRange,
    agendaTimeRangeFormat: timeRange,
    selectRangeFormat: timeRange,
  },
  en: {
    dayFormat: 'ddd D MMM',
    dayHeaderFormat: 'dddd D MMMM YYYY',
    dayRangeHeaderFormat: ({ start, end }: Range, culture, local) =>
      `${local!.format(start, 'D MMM', culture)} – ${local!.format(end, 'D MMM YYYY', culture)}`,
    agendaHeaderFormat: ({ start, end }: Range, culture, local) =>
      `${local!.format(start, 'D MMM', culture)} – ${local!.format(end, 'D MMM YYYY', culture)}`,
    agendaDateFormat: 'ddd D MMM',
    timeGutterFormat: 'HH:mm',
    eventTimeRangeFormat: timeRange,
    agendaTimeRangeFormat: timeRange,
    selectRangeFormat: timeRange,
  },
};

/** The Beijing-time interval the calendar shows for a date and view. */
function visibleRange(date: Date, view: View, culture: string): { from: string; to: string } {
  const day = dayjs(date).locale(culture);
  const start = view === 'week' ? day.startOf('week') : day.startOf('day');
  const days = view === 'week' ? 7 : view === 'day' ? 1 : AGENDA_DAYS + 1;
  return {
    from: fromCalendarDate(start.toDate()),
    to: fromCalendarDate(start.add(days, 'day').toDate()),
  };
}

/** A new visit proposed at the next whole hour, for an hour. */
function nextHourDraft(): VisitDraft {
  const start = dayjs(toCalendarDate(new Date())).startOf('hour').add(1, 'hour');
  return {
    kind: 'new',
    startsAt: calendarWallClock(start.toDate()),
    endsAt: calendarWallClock(start.add(1, 'hour').toDate()),
  };
}

function useCalendarMessages() {
  const translate = useTranslate();
  return useMemo(
    () => ({
      today: translate('crm.visits.calendar.today'),
      previous: translate('crm.visits.calendar.previous'),
      next: translate('crm.visits.calendar.next'),
      week: translate('crm.visits.calendar.week'),
      day: translate('crm.visits.calendar.day'),
      agenda: translate('crm.visits.calendar.agenda'),
      date: translate('crm.visits.calendar.date'),
      time: translate('crm.visits.calendar.time'),
      event: translate('crm.visits.calendar.event'),
      allDay: translate('crm.visits.calendar.allDay'),
      noEventsInRange: translate('crm.visits.calendar.noEvents'),
      showMore: (total: number) => translate('crm.visits.calendar.showMore', { total }),
    }),
    [translate],
  );
}

/** Whose visits to show: mine by default, any staff member's, or everyone's. */
function HostFilter({ value, onChange }: { value: string; onChange: (hostId: string) => void }) {
  const translate = useTranslate();
  const { data: users = [] } = useGetList<User>('users', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'displayName', order: 'ASC' },
  });
  return (
    <TextField
      select
      size="small"
      label={translate('crm.visits.host')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      fullWidth={false}
      sx={{ width: 240 }}
    >
      <MenuItem value={ALL_HOSTS}>{translate('crm.visits.allHosts')}</MenuItem>
      {users.map((user) => (
        <MenuItem key={user.id} value={user.id}>
          {user.displayName}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The site-visit calendar: week, day and agenda views in Beijing time, filtered by host. */
export function CalendarPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const culture = locale === 'en' ? 'en' : 'zh-cn';
  // The localizer reads the first day of the week from dayjs's global locale (Monday in Chinese).
  dayjs.locale(culture);
  const { identity } = useGetIdentity();
  const { canAccess: canSchedule } = useCanAccess({ action: 'create', resource: 'site-visits' });
  const [date, setDate] = useState(() => toCalendarDate(new Date()));
  // On a phone the week's seven columns do not fit: its day comes as an agenda.
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), {
    noSsr: true,
  });
  const [view, setView] = useState<View>(phone ? 'agenda' : 'week');
  const [chosenHost, setChosenHost] = useState<string | null>(null);
  const [draft, setDraft] = useState<VisitDraft | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const messages = useCalendarMessages();
  const calendarRef = useRef<HTMLDivElement>(null);
  useCalendarAria(calendarRef, translate('crm.visits.timeGrid'));

  const hostId = chosenHost ?? (identity ? String(identity.id) : ALL_HOSTS);
  const range = visibleRange(date, view, culture);
  const { data: visits = [] } = useGetList<SiteVisit>(
    'site-visits',
    {
      filter: { ...range, hostId: hostId === ALL_HOSTS ? undefined : hostId },
      pagination: { page: 1, perPage: 200 },
      sort: { field: 'startsAt', order: 'ASC' },
    },
    { enabled: !!identity },
  );
  const deals = useVisitDeals(visits);
  const placeName = usePlaceName(visits);
  const events: VisitEvent[] = visits.map((visit) => ({
    title: `${dealLabel(deals.get(visit.dealId))} · ${placeName(visit)}`,
    start: toCalendarDate(visit.startsAt),
    end: toCalendarDate(visit.endsAt),
    resource: visit,
  }));
  const selected = visits.find((visit) => visit.id === selectedId);

  const openSlot = (slot: SlotInfo) => {
    if (!canSchedule) return;
    const end =
      slot.end.getTime() - slot.start.getTime() < 3_600_000
        ? dayjs(slot.start).add(1, 'hour').toDate()
        : slot.end;
    setDraft({
      kind: 'new',
      startsAt: calendarWallClock(slot.start),
      endsAt: calendarWallClock(end),
    });
  };

  return (
    <Box sx={{ mt: 1 }}>
      <Title title="crm.visits.title" />
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        sx={{ alignItems: { sm: 'center' }, mb: 2 }}
      >
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {translate('crm.visits.title')}
        </Typography>
        <HostFilter value={hostId} onChange={setChosenHost} />
        {canSchedule ? (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setDraft(nextHourDraft())}
          >
            {translate('crm.visits.schedule')}
          </Button>
        ) : null}
      </Stack>
      <Card
        sx={{ p: { xs: 1, sm: 2 }, '& .rbc-toolbar': { flexWrap: 'wrap', gap: 1 } }}
        ref={calendarRef}
      >
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {translate('crm.visits.timesInBeijing')}
        </Typography>
        <Calendar<VisitEvent>
          components={CALENDAR_COMPONENTS}
          localizer={localizer}
          culture={culture}
          formats={FORMATS[culture]}
          messages={messages}
          events={events}
          views={VIEWS}
          view={view}
          onView={setView}
          date={date}
          onNavigate={setDate}
          getNow={() => toCalendarDate(new Date())}
          scrollToTime={new Date(1970, 0, 1, 8)}
          length={AGENDA_DAYS}
          selectable={!!canSchedule}
          onSelectSlot={openSlot}
          onSelectEvent={(event) => setSelectedId(event.resource.id)}
          onKeyPressEvent={(event, keyEvent) => {
            const { key } = keyEvent.nativeEvent as KeyboardEvent;
            if (key === 'Enter' || key === ' ') setSelectedId(event.resource.id);
          }}
          eventPropGetter={(event) => {
            const colours = STATUS_COLOURS[event.resource.status];
            return {
              style: {
                backgroundColor: colours.background,
                color: colours.text,
                borderColor: colours.background,
              },
            };
          }}
          style={{ height: 720 }}
        />
      </Card>
      {selected ? (
        <VisitDetailDialog
          visit={selected}
          onClose={() => setSelectedId(null)}
          onReschedule={() => {
            setSelectedId(null);
            setDraft({ kind: 'reschedule', visit: selected });
          }}
        />
      ) : null}
      {draft ? (
        <ScheduleVisitDialog
          draft={draft}
          onClose={() => setDraft(null)}
          onSaved={(visit) => {
            setDraft(null);
            setDate(toCalendarDate(visit.startsAt));
          }}
        />
      ) : null}
    </Box>
  );
}
