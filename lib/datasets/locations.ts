import type { DatasetDef } from './field-def';

export const locationsDataset: DatasetDef = {
  id: 'locations',
  label: 'Locations',
  description:
    'One row per warehouse or shop. Sent one per request with POST /V2/Locations, which updates the location with the same Location code, so two locations may share a name.',
  uniqueKey: ['locationCode'],
  fields: [
    {
      key: 'locationCode',
      label: 'Location code',
      type: 'code',
      required: true,
      synonyms: ['location code', 'location id', 'warehouse code', 'store code', 'site code', 'branch code', 'location', 'warehouse', 'code', 'locationCode'],
      help: 'Your unique code for the location. Stock and sales name their location by this code.',
    },
    { key: 'locationName', label: 'Name', type: 'text', required: false, synonyms: ['location name', 'warehouse name', 'store name', 'name', 'description'], help: 'The location’s name.' },
    { key: 'externalId', label: 'External id', type: 'code', required: false, synonyms: ['external id', 'id'], help: 'The location’s id in another system, kept as text.' },
  ],
};
