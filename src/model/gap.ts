/** Something the scan could not look at. A gap is never "clean": it is reported. */
export interface Gap {
  collector: string;
  path?: string;
  reason: string;
}
