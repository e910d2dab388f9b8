import { useGetList, useGetMany, useTranslate } from 'react-admin';
import type { Deal, SiteVisit, Schemas } from '../api/types';

type Building = Schemas['BuildingDto'];
type Unit = Schemas['UnitDto'];

const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => !!id))];

/** Names the place of visits: the computing center, a building, a unit of a building, or a label. */
export function usePlaceName(visits: SiteVisit[]): (visit: SiteVisit) => string {
  const translate = useTranslate();
  const { data: buildings = [] } = useGetList<Building>('buildings', {
    pagination: { page: 1, perPage: 200 },
  });
  const unitIds = unique(visits.filter((v) => v.placeType === 'unit').map((v) => v.placeId));
  const { data: units = [] } = useGetMany<Unit>(
    'units',
    { ids: unitIds },
    { enabled: unitIds.length > 0 },
  );
  const buildingName = (id: string | null) => buildings.find((b) => b.id === id)?.name;
  return (visit) => {
    switch (visit.placeType) {
      case 'building':
        return buildingName(visit.placeId) ?? visit.placeLabel ?? '—';
      case 'unit': {
        const unit = units.find((u) => u.id === visit.placeId);
        return unit
          ? `${buildingName(unit.buildingId) ?? ''} ${unit.code}`.trim()
          : (visit.placeLabel ?? '—');
      }
      case 'computing_center':
        return translate('crm.enums.placeType.computing_center');
      default:
        return visit.placeLabel ?? translate('crm.enums.placeType.other');
    }
  };
}

/** The deals of visits, by id (one cached read each). */
export function useVisitDeals(visits: Pick<SiteVisit, 'dealId'>[]): Map<string, Deal> {
  const ids = unique(visits.map((v) => v.dealId));
  const { data = [] } = useGetMany<Deal>('deals', { ids }, { enabled: ids.length > 0 });
  return new Map(data.map((deal) => [deal.id, deal]));
}

/** "Company — deal" for a visit's deal. */
export function dealLabel(deal: Deal | undefined): string {
  if (!deal) return '…';
  return deal.title.includes(deal.companyName) ? deal.title : `${deal.companyName} · ${deal.title}`;
}
