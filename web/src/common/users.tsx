import {
  AutocompleteInput,
  ReferenceField,
  ReferenceInput,
  TextField,
  type ReferenceInputProps,
} from 'react-admin';

/** A staff member's name from a user id field (ownerId, assigneeId, …); one request for all users. */
export function UserField({ source, label }: { source: string; label?: string }) {
  return (
    <ReferenceField source={source} reference="users" link={false} label={label} emptyText="—">
      <TextField source="displayName" />
    </ReferenceField>
  );
}

/** Picks a staff member (an owner, an assignee, a host). */
export function UserInput({
  source,
  label,
  ...props
}: Omit<ReferenceInputProps, 'reference' | 'children'> & { source: string; label?: string }) {
  return (
    <ReferenceInput
      source={source}
      reference="users"
      perPage={200}
      sort={{ field: 'displayName', order: 'ASC' }}
      {...props}
    >
      <AutocompleteInput
        label={label}
        optionText="displayName"
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>
  );
}
