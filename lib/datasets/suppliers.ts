import type { DatasetDef } from './field-def';

export const suppliersDataset: DatasetDef = {
  id: 'suppliers',
  label: 'Suppliers',
  description:
    'One row per supplier. Sent in batches with POST /Suppliers, which updates a supplier it already has (same Supplier code), so sending the file again does not double it.',
  uniqueKey: ['supplierCode'],
  fields: [
    {
      key: 'supplierCode',
      label: 'Supplier code',
      type: 'code',
      required: true,
      synonyms: ['supplier code', 'vendor code', 'account number', 'supplier id', 'vendor id', 'supplier number', 'vendor number', 'supplierCode', 'code'],
      help: 'Your unique code for the supplier. Products name their supplier by this code.',
    },
    { key: 'supplierName', label: 'Name', type: 'text', required: false, synonyms: ['supplier name', 'vendor name', 'name', 'company', 'company name'], help: 'The supplier’s name.' },
    { key: 'emailAddress', label: 'Email', type: 'text', required: false, synonyms: ['email address', 'email', 'e mail'], help: 'Where purchase orders go.' },
    { key: 'primaryContactName', label: 'Contact name', type: 'text', required: false, synonyms: ['primary contact name', 'contact name', 'contact'], help: 'Who to talk to there.' },
    { key: 'externalId', label: 'External id', type: 'code', required: false, synonyms: ['external id', 'business entity id', 'id'], help: 'The supplier’s id in another system, kept as text.' },
    { key: 'defaultLeadTime', label: 'Default lead time (days)', type: 'integer', required: false, min: 0, synonyms: ['default lead time', 'lead time', 'lead time days', 'average lead time'], help: 'Days from ordering to receiving, for products that set none.' },
    { key: 'streetAddress', label: 'Street address', type: 'text', required: false, synonyms: ['street address', 'address', 'street'], help: 'Street address.' },
    { key: 'addressLine1', label: 'Address line 1', type: 'text', required: false, synonyms: ['address line 1', 'address 1'], help: 'First address line.' },
    { key: 'addressLine2', label: 'Address line 2', type: 'text', required: false, synonyms: ['address line 2', 'address 2'], help: 'Second address line.' },
    { key: 'state', label: 'State or region', type: 'text', required: false, synonyms: ['state', 'region', 'province', 'county'], help: 'State, region or province.' },
    { key: 'country', label: 'Country', type: 'text', required: false, synonyms: ['country'], help: 'Country.' },
    { key: 'postCode', label: 'Post code', type: 'code', required: false, synonyms: ['post code', 'postcode', 'postal code', 'zip', 'zip code'], help: 'Post code, kept as text (leading zeros stay).' },
  ],
};
