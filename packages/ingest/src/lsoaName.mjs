/**
 * police.uk names an LSOA after its district: "Basildon 012A" lies in Basildon. Plain JavaScript
 * so that the street scanner's worker threads (streetScan.mjs) and the reference reader (through
 * context.ts) use this very function.
 */
export function districtNameOfLsoa(lsoaName) {
  return lsoaName.replace(/\s+\d{3}[A-Z]$/, "");
}
