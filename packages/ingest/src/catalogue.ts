import { POLICE_UK_CRIME_TYPES, policeUkIndicatorId, ANTI_SOCIAL_BEHAVIOUR, type Indicator } from "@scrutiny/domain";
import { HOME_OFFICE_OFFENCES, homeOfficeIndicatorId } from "./homeOfficeRecordedCrime";

/**
 * The indicators the product derives from public files. Force-supplied indicators are added by
 * importing their definitions; these are the ones whose definitions follow from the source itself.
 */
const POLICE_UK = "data.police.uk";
const HOME_OFFICE = "Home Office";

export function policeUkIndicators(): Indicator[] {
  // police.uk publishes a month's data about two months after it ends.
  const base = { priority: "Crime prevention", source: POLICE_UK, cadence: "monthly", expectedLagMonths: 2, isSample: false } as const;
  const indicators: Indicator[] = [];
  for (const type of POLICE_UK_CRIME_TYPES) {
    indicators.push({
      ...base,
      id: policeUkIndicatorId.crimeType(type.slug),
      name: type.name,
      unit: "count",
      direction: type.direction,
      definition:
        type.name === ANTI_SOCIAL_BEHAVIOUR
          ? "Anti-social behaviour incidents published by data.police.uk for the month (recording changed after 2019: counts fell sharply)."
          : `${type.name} crimes recorded in the month, as published street-level by data.police.uk.`,
    });
    if (type.name !== ANTI_SOCIAL_BEHAVIOUR) {
      indicators.push({
        ...base,
        id: policeUkIndicatorId.crimeTypeSolvedRate(type.slug),
        name: `${type.name} solved rate`,
        unit: "percentage",
        direction: "higher",
        definition: `Share of ${type.name.toLowerCase()} crimes recorded in the month whose latest police.uk outcome is a positive outcome (charge, caution, penalty notice, community resolution, ...); provisional while outcomes mature.`,
      });
    }
  }
  indicators.push(
    {
      ...base,
      id: policeUkIndicatorId.allCrime,
      name: "All crime (excl. ASB)",
      unit: "count",
      direction: "lower",
      definition: "Crimes of all 13 police.uk crime types recorded in the month; anti-social behaviour is not a crime and is left out.",
    },
    {
      ...base,
      id: policeUkIndicatorId.solvedRate,
      name: "Solved rate (all crime)",
      unit: "percentage",
      direction: "higher",
      definition: "Share of crimes recorded in the month whose latest police.uk outcome is a positive outcome; recent months are provisional because outcomes mature.",
    },
    {
      ...base,
      id: policeUkIndicatorId.outcome("solved"),
      name: "Crimes solved",
      unit: "count",
      direction: "higher",
      definition: "Crimes recorded in the month whose latest police.uk outcome is a positive outcome (Home Office outcome types 1–8).",
    },
    {
      ...base,
      id: policeUkIndicatorId.outcome("not solved"),
      name: "Crimes finalised without a positive outcome",
      unit: "count",
      direction: "lower",
      definition: "Crimes recorded in the month whose investigation ended without a positive outcome (no suspect identified, unable to prosecute, not in the public interest, passed to another organisation).",
    },
    {
      ...base,
      id: policeUkIndicatorId.outcome("pending"),
      name: "Crimes with outcome pending",
      unit: "count",
      direction: "neither",
      definition: "Crimes recorded in the month still under investigation, or whose status update is unavailable, when the file was published.",
    },
  );
  return indicators;
}

export function homeOfficeIndicators(): Indicator[] {
  // The Home Office tables for a quarter appear about four months after it ends.
  const base = { priority: "Crime prevention", source: HOME_OFFICE, cadence: "quarterly", expectedLagMonths: 4, unit: "count", isSample: false, rolling12Months: true } as const;
  return [
    {
      ...base,
      id: homeOfficeIndicatorId.allCrimeExcludingFraud,
      name: "Recorded crime excl. fraud (rolling 12 months)",
      direction: "lower",
      definition: "Police recorded crime in the 12 months ending with the month, all offence groups except fraud (Home Office tables by police force area).",
    },
    ...HOME_OFFICE_OFFENCES.map(
      (offence): Indicator => ({
        ...base,
        id: homeOfficeIndicatorId.offence(offence),
        name: `${offence} (rolling 12 months)`,
        direction: offence === "Drug offences" || offence === "Possession of weapons offences" ? "neither" : "lower",
        definition: `Police recorded ${offence.toLowerCase()} in the 12 months ending with the month (Home Office tables by police force area).${/burglary/i.test(offence) ? " Burglary was regrouped from domestic/non-domestic to residential/non-residential in April 2017: do not compare this series across that change." : ""}`,
      }),
    ),
  ];
}
