/**
 * One account's in-memory data. Each resource module declares its own slice, so adding a
 * dataset (BOMs, suppliers, ...) adds a slice in that module and touches nothing here.
 */
export interface AccountSlice<T> {
  readonly name: string;
  readonly create: () => T;
}

export function defineSlice<T>(name: string, create: () => T): AccountSlice<T> {
  return { name, create };
}

export class AccountState {
  readonly id: string;
  private readonly slices = new Map<AccountSlice<unknown>, unknown>();

  constructor(id: string) {
    this.id = id;
  }

  get<T>(slice: AccountSlice<T>): T {
    if (!this.slices.has(slice)) this.slices.set(slice, slice.create());
    return this.slices.get(slice) as T;
  }
}

/** Accounts are created on their first authenticated request and live until the server stops. */
export class AccountDirectory {
  private readonly accounts = new Map<string, AccountState>();

  get(id: string): AccountState {
    let account = this.accounts.get(id);
    if (!account) {
      account = new AccountState(id);
      this.accounts.set(id, account);
    }
    return account;
  }
}
