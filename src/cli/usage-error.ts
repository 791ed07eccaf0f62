/** Thrown for wrong arguments: the message is printed and the exit status is 2. */
export class UsageError extends Error {}
