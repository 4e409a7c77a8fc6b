/** Makes a switch over a union exhaustive: adding a member without handling it is a type error. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
