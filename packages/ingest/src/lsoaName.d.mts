/** Types of lsoaName.mjs (plain JavaScript, shared with the street scanner's worker threads). */
export function districtNameOfLsoa(lsoaName: string): string;
