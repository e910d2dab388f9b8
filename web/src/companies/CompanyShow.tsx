import {
  EditButton,
  Show,
  TabbedShowLayout,
  TabbedShowLayoutTabs,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import type { Company } from '../api/types';
import { Timeline } from '../common/Timeline';
import { ComputeAccountTab } from '../compute/ComputeAccountTab';
import { CompanyActivities } from '../deals/DealActivities';
import { CompanySupportTab } from '../incentives/CompanySupportTab';
import { ChurnButton } from './ChurnButton';
import { CompanyTitle } from './CompanyForm';
import { CompanySummary } from './CompanySummary';
import { ContactsTab } from './ContactsTab';
import { MergeButton } from './MergeButton';
import { CompanyDealsTab, CompanyLeadsTab } from './RelatedTabs';
import { RevenueTab } from './RevenueTab';

function CompanyShowActions() {
  return (
    <TopToolbar>
      <MergeButton />
      <ChurnButton />
      <EditButton />
    </TopToolbar>
  );
}

function CompanyActivitiesTab() {
  const company = useRecordContext<Company>();
  return company ? <CompanyActivities company={company} /> : null;
}

function CompanyTimeline() {
  const company = useRecordContext<Company>();
  return company ? <Timeline entityType="company" id={company.id} /> : null;
}

export function CompanyShow() {
  return (
    <Show title={<CompanyTitle />} actions={<CompanyShowActions />}>
      <TabbedShowLayout
        tabs={
          <TabbedShowLayoutTabs
            variant="scrollable"
            scrollButtons="auto"
            allowScrollButtonsMobile
          />
        }
      >
        <TabbedShowLayout.Tab label="crm.companies.tabs.summary">
          <CompanySummary />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.companies.tabs.contacts" path="contacts">
          <ContactsTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.companies.tabs.leads" path="leads">
          <CompanyLeadsTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.companies.tabs.deals" path="deals">
          <CompanyDealsTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.companies.tabs.activities" path="activities">
          <CompanyActivitiesTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.companies.tabs.revenue" path="revenue">
          <RevenueTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.incentives.tab" path="support">
          <CompanySupportTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.compute.tab" path="compute">
          <ComputeAccountTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="crm.companies.tabs.timeline" path="timeline">
          <CompanyTimeline />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
