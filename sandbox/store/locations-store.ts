/**
 * Numeric ids for location codes, because sales-order responses carry a locationId. A future
 * Locations module can take this slice over as its store.
 */
import { defineSlice } from './account-state';

export class LocationsStore {
  private readonly ids = new Map<string, number>();

  idFor(locationCode: string): number {
    let id = this.ids.get(locationCode);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(locationCode, id);
    }
    return id;
  }
}

export const locationsSlice = defineSlice('locations', () => new LocationsStore());
