import type { DatasetDef } from './field-def';

export const customersDataset: DatasetDef = {
  id: 'customers',
  label: 'Customers',
  description: 'One row per customer. Sent one per request with PUT /Customers, which updates the customer with the same Customer code.',
  uniqueKey: ['code'],
  fields: [
    {
      key: 'code',
      label: 'Customer code',
      type: 'code',
      required: true,
      synonyms: ['customer code', 'customer id', 'customer number', 'account', 'account code', 'account number', 'code'],
      help: 'Your unique code for the customer; sales lines name their customer by it.',
    },
    { key: 'name', label: 'Name', type: 'text', required: false, synonyms: ['customer name', 'name', 'company', 'company name'], help: 'The customer’s name.' },
    { key: 'emailAddress', label: 'Email', type: 'text', required: false, synonyms: ['email address', 'email', 'e mail'], help: 'Email address.' },
    { key: 'phone', label: 'Phone', type: 'code', required: false, synonyms: ['phone', 'phone number', 'telephone', 'mobile'], help: 'Phone number, kept as text.' },
    { key: 'streetAddress', label: 'Street address', type: 'text', required: false, synonyms: ['street address', 'address', 'street'], help: 'Street address.' },
    { key: 'addressLine1', label: 'Address line 1', type: 'text', required: false, synonyms: ['address line 1', 'address 1'], help: 'First address line.' },
    { key: 'addressLine2', label: 'Address line 2', type: 'text', required: false, synonyms: ['address line 2', 'address 2'], help: 'Second address line.' },
    { key: 'city', label: 'City', type: 'text', required: false, synonyms: ['city', 'town', 'suburb'], help: 'City or town.' },
    { key: 'state', label: 'State or region', type: 'text', required: false, synonyms: ['state', 'region', 'province', 'county'], help: 'State, region or province.' },
    { key: 'country', label: 'Country', type: 'text', required: false, synonyms: ['country'], help: 'Country.' },
    { key: 'postCode', label: 'Post code', type: 'code', required: false, synonyms: ['post code', 'postcode', 'postal code', 'zip', 'zip code'], help: 'Post code, kept as text (leading zeros stay).' },
  ],
};
