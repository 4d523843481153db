/** Something the app starts after building and stops, in reverse order, on close. */
export interface Service {
  readonly name: string;
  start?(): Promise<void>;
  stop(): Promise<void>;
}
