/** Which inventory management system an account says it uses; nothing until one is set. */
import type { InventoryManagementSystem } from '../../lib/stocktrim/contract';
import { defineSlice } from './account-state';

export class InventorySettingsStore {
  system: InventoryManagementSystem | null = null;
}

export const inventorySettingsSlice = defineSlice('inventorySettings', () => new InventorySettingsStore());
