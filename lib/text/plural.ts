/** "1 row", "2 rows"; `many` when the plural is not the word plus "s". */
export function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
