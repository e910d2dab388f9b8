import { useState, type ReactNode } from 'react';
import {
  Edit,
  useDataProvider,
  useNotify,
  useRefresh,
  useResourceContext,
  type EditProps,
  type RaRecord,
} from 'react-admin';
import { ApiError } from '../api/http';
import { VersionConflictDialog, type VersionConflict } from './VersionConflictDialog';

/**
 * The 412 flow for any save: on VERSION_MISMATCH read the record as it is now and open a dialog
 * that shows what changed. Screens with their own save buttons (board moves, inline edits) use it
 * directly; CrmEdit wires it into react-admin's Edit.
 */
export function useVersionConflict(resource: string) {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const [conflict, setConflict] = useState<VersionConflict | null>(null);

  /** For a mutation's onError: opens the dialog on a 412, otherwise notifies the error. */
  const onError = async (error: unknown, ours: RaRecord | undefined, label: string) => {
    if (error instanceof ApiError && error.status === 412 && ours) {
      try {
        const { data } = await dataProvider.getOne(resource, { id: ours.id });
        setConflict({ ours, theirs: data, label });
        return;
      } catch {
        /* fall through to the plain message */
      }
    }
    notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', { type: 'error' });
  };
  return { conflict, close: () => setConflict(null), onError };
}

/**
 * react-admin's Edit saving with If-Match, pessimistically (the server decides), with the version
 * conflict dialog; "reload" re-reads the record and remounts the form on the newer version.
 */
export function CrmEdit({
  children,
  recordLabel = (record) => String(record.name ?? record.title ?? record.id),
  ...props
}: EditProps & { children: ReactNode; recordLabel?: (record: RaRecord) => string }) {
  const resource = useResourceContext(props) ?? '';
  const refresh = useRefresh();
  const [generation, setGeneration] = useState(0);
  const { conflict, close, onError } = useVersionConflict(resource);
  return (
    <>
      <Edit
        key={generation}
        mutationMode="pessimistic"
        redirect="show"
        {...props}
        mutationOptions={{
          ...props.mutationOptions,
          onError: (error: unknown, variables: { previousData?: RaRecord } | undefined) => {
            const ours = variables?.previousData;
            void onError(error, ours, ours ? recordLabel(ours) : '');
          },
        }}
      >
        {children}
      </Edit>
      <VersionConflictDialog
        conflict={conflict}
        resource={resource}
        onClose={close}
        onReload={() => {
          close();
          refresh();
          setGeneration((n) => n + 1);
        }}
      />
    </>
  );
}
