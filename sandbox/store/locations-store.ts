/**
 * An account's locations, with the numeric ids that sales-order responses carry as locationId.
 * Two upserts, because production has two: V2 matches on locationCode only, v1 treats the code
 * OR the name as the identity (so one name can never belong to two locations). A location code
 * first seen on a sales line gets a record too, so its id stays the same once it is uploaded.
 */
import type { LocationRequest, LocationResponse } from '../../lib/stocktrim/contract';
import { defineSlice } from './account-state';

export interface StoredLocation {
  readonly id: number;
  readonly locationCode: string;
  readonly locationName: string | null;
  readonly externalId: string | null;
}

export type LocationUpsert =
  | { readonly kind: 'saved'; readonly location: StoredLocation; readonly created: boolean }
  /** v1 only: the name already belongs to another location than the code does. */
  | { readonly kind: 'name-taken'; readonly owner: StoredLocation };

export class LocationsStore {
  /** locationCode → location; a Map keeps creation order. */
  private readonly byCode = new Map<string, StoredLocation>();
  private nextId = 1;

  idFor(locationCode: string): number {
    const existing = this.byCode.get(locationCode);
    if (existing) return existing.id;
    return this.save(undefined, { locationCode }).id;
  }

  /** V2: the code is the only identity; a name may repeat across locations. */
  upsertByCode(request: LocationRequest): LocationUpsert {
    const existing = this.byCode.get(request.locationCode);
    return { kind: 'saved', location: this.save(existing, request), created: !existing };
  }

  /**
   * v1: a location matches when its code or its name equals the request's. A match on the name
   * alone takes the request's code, so posting a second code under a known name renames that
   * location instead of adding one (the quirk this endpoint is known for).
   */
  upsertByCodeOrName(request: LocationRequest): LocationUpsert {
    const byCode = this.byCode.get(request.locationCode);
    const name = request.locationName ?? null;
    const byName = name === null ? undefined : this.all().find((l) => l.locationName === name);
    if (byCode && byName && byCode.id !== byName.id) return { kind: 'name-taken', owner: byName };
    const existing = byCode ?? byName;
    if (existing && existing.locationCode !== request.locationCode) this.byCode.delete(existing.locationCode);
    return { kind: 'saved', location: this.save(existing, request), created: !existing };
  }

  find(locationCode: string): StoredLocation | undefined {
    return this.byCode.get(locationCode);
  }

  all(): StoredLocation[] {
    return [...this.byCode.values()];
  }

  /** Null or absent properties keep their stored value, as product updates do. */
  private save(existing: StoredLocation | undefined, request: LocationRequest): StoredLocation {
    const location: StoredLocation = {
      id: existing?.id ?? this.nextId++,
      locationCode: request.locationCode,
      locationName: request.locationName ?? existing?.locationName ?? null,
      externalId: request.externalId ?? existing?.externalId ?? null,
    };
    this.byCode.set(location.locationCode, location);
    return location;
  }
}

export const locationsSlice = defineSlice('locations', () => new LocationsStore());

export function toLocationResponse(location: StoredLocation): LocationResponse {
  return {
    id: location.id,
    locationCode: location.locationCode,
    locationName: location.locationName,
    externalId: location.externalId,
  };
}
