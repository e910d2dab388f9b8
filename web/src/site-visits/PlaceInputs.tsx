import { useEffect } from 'react';
import { required, SelectInput, TextInput, useGetList, useGetOne } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import type { Schemas, SiteVisit } from '../api/types';
import { enumChoices, PLACE_TYPES } from '../common/enums';

type Building = Schemas['BuildingDto'];
type Unit = Schemas['UnitDto'];

const listAll = { pagination: { page: 1, perPage: 200 } };

function BuildingSelect({ source }: { source: string }) {
  const { data: buildings = [], isPending } = useGetList<Building>('buildings', listAll);
  return (
    <SelectInput
      source={source}
      label="resources.site-visits.fields.buildingId"
      choices={buildings}
      optionText="name"
      isPending={isPending}
      validate={required()}
    />
  );
}

/** The units of the chosen building (`GET /units?buildingId=`). */
function UnitSelect() {
  const { setValue } = useFormContext();
  const [buildingId, placeId] = useWatch({ name: ['buildingId', 'placeId'] }) as [
    string | undefined,
    string | undefined,
  ];
  // Rescheduling a visit to a unit: its building comes from the unit.
  const { data: current } = useGetOne<Unit>(
    'units',
    { id: placeId ?? '' },
    { enabled: !!placeId && !buildingId },
  );
  useEffect(() => {
    if (current && !buildingId) setValue('buildingId', current.buildingId);
  }, [current, buildingId, setValue]);
  const { data: units = [], isPending } = useGetList<Unit>(
    'units',
    { ...listAll, filter: { buildingId }, sort: { field: 'code', order: 'ASC' } },
    { enabled: !!buildingId },
  );
  return (
    <>
      <BuildingSelect source="buildingId" />
      <SelectInput
        source="placeId"
        label="resources.site-visits.fields.unit"
        choices={units}
        optionText="code"
        isPending={!!buildingId && isPending}
        disabled={!buildingId}
        validate={required()}
      />
    </>
  );
}

/** Where the visit takes place: the computing center, a building, a unit, or elsewhere (a label). */
export function PlaceInputs() {
  const { setValue } = useFormContext();
  const placeType = useWatch({ name: 'placeType' }) as SiteVisit['placeType'] | undefined;
  const clearPlace = () => {
    setValue('placeId', null);
    setValue('buildingId', null);
  };
  return (
    <>
      <SelectInput
        source="placeType"
        choices={enumChoices('placeType', PLACE_TYPES)}
        validate={required()}
        onChange={clearPlace}
      />
      {placeType === 'building' ? <BuildingSelect source="placeId" /> : null}
      {placeType === 'unit' ? <UnitSelect /> : null}
      {placeType === 'other' || placeType === 'computing_center' ? (
        <TextInput
          source="placeLabel"
          validate={placeType === 'other' ? required() : undefined}
          helperText={placeType === 'other' ? 'crm.visits.placeLabelHelp' : false}
        />
      ) : null}
    </>
  );
}
