/** An observation as an importer produces it, before it is tied to an import batch. */
export interface ObservationDraft {
  indicatorId: string;
  areaCode: string;
  month: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}
